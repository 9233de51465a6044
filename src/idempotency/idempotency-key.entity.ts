import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The first response to an Idempotency-Key of a user, kept for 24 hours. */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKey {
  @PrimaryColumn('integer') companyId: number;
  @PrimaryColumn('integer') userId: number;
  @PrimaryColumn('text') key: string;
  @Column('text') method: string;
  @Column('text') path: string;
  @Column('text') fingerprint: string;
  /** Null while the first request is still running. */
  @Column('integer', { nullable: true }) statusCode: number | null;
  @Column('jsonb', { nullable: true }) response: unknown;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz') expiresAt: Date;
}
