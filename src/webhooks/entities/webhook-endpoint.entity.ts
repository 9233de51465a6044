import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Where a company's events are delivered. Secrets are sealed with the secret box. */
@Entity({ name: 'webhook_endpoints' })
export class WebhookEndpoint {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column('integer') companyId: number;
  @Column('text') url: string;
  @Column('text', { default: '' }) description: string;
  @Column('text', { array: true }) enabledEvents: string[];
  @Column('boolean', { default: true }) isActive: boolean;
  /** Why the service turned the endpoint off (410 Gone, days of failures); null otherwise. */
  @Column('text', { nullable: true }) disabledReason: string | null;
  @Column('text') secret: string;
  /** The secret before the last rotation: it signs too until previousSecretExpiresAt. */
  @Column('text', { nullable: true }) previousSecret: string | null;
  @Column('timestamptz', { nullable: true }) previousSecretExpiresAt: Date | null;
  /** Since when every attempt has failed; null after a success. */
  @Column('timestamptz', { nullable: true }) failingSince: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
