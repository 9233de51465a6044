import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';

/** AES-256-GCM for secrets at rest: "v1:" + base64(iv | tag | ciphertext). */
@Injectable()
export class SecretBox {
  constructor(private readonly config: AppConfig) {}

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.config.encryptionKey, iv);
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `v1:${Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64')}`;
  }

  open(sealed: string): string {
    const raw = Buffer.from(sealed.slice(3), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.config.encryptionKey, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}

/** Shorter secrets show nothing but that they are set: their last characters would be too much of them. */
const MASK_MIN_LENGTH = 16;
export const SECRET_SET = '********';

/**
 * What a response may show of a secret: for one of at least 16 characters its kind prefix and
 * last four characters (sk_live_...4242); for a shorter one only that a secret is set.
 */
export function maskSecret(secret: string): string {
  if (secret.length < MASK_MIN_LENGTH) return SECRET_SET;
  const prefix = /^([a-z]+_(?:live_|test_)?)/i.exec(secret)?.[1] ?? '';
  return `${prefix}...${secret.slice(-4)}`;
}
