import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** login_key: 000's `key`; session: 001's 24-hour token; integration: an admin-made key for a partner. */
export const API_TOKEN_KINDS = ['login_key', 'session', 'integration'] as const;
export type ApiTokenKind = (typeof API_TOKEN_KINDS)[number];

@Unique('uq_api_tokens_hash', ['tokenHash'])
@Entity({ name: 'api_tokens' })
export class ApiToken {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column('integer') companyId: number;
  @Column('integer') userId: number;
  @Column('text') kind: ApiTokenKind;
  @Column('text', { default: '' }) name: string;
  /** SHA-256 of the token; the token itself is never stored. */
  @Column('bytea', { select: false }) tokenHash: Buffer;
  /** The first characters of the token, to tell keys apart in a list. */
  @Column('text') prefix: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { nullable: true }) expiresAt: Date | null;
  @Column('timestamptz', { nullable: true }) lastUsedAt: Date | null;
  @Column('timestamptz', { nullable: true }) revokedAt: Date | null;
}
