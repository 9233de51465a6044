import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Masks stored before the rule "last four characters only for secrets of 16 or more" gave
 * away most of a short secret. The sealed value's length tells the secret's (AES-GCM keeps
 * the length; 28 bytes are nonce and tag), so short ones are masked entirely, without the key.
 */
export class MaskShortSecrets1764176400000 implements MigrationInterface {
  name = 'MaskShortSecrets1764176400000';

  async up(db: QueryRunner): Promise<void> {
    for (const secret of ['api_key', 'webhook_secret']) {
      await db.query(
        `update payment_gateways set ${secret}_masked = '********'
          where ${secret}_encrypted like 'v1:%' and octet_length(decode(substr(${secret}_encrypted, 4), 'base64')) - 28 < 16`,
      );
    }
  }

  async down(): Promise<void> {
    // The old masks cannot be recovered without the key, and should not be.
  }
}
