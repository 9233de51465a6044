import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One event on its way to one endpoint: its attempts so far and the last one's outcome. */
@Entity({ name: 'webhook_deliveries' })
export class WebhookDelivery {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column('integer') companyId: number;
  @Column('integer') endpointId: number;
  @Column('bigint') eventId: number;
  @Column('text') eventType: string;
  @Column('text', { default: 'pending' }) status: DeliveryStatus;
  @Column('integer', { default: 0 }) attempts: number;
  @Column('timestamptz', { nullable: true }) nextAttemptAt: Date | null;
  @Column('timestamptz', { nullable: true }) lastAttemptAt: Date | null;
  @Column('integer', { nullable: true }) responseStatus: number | null;
  @Column('integer', { nullable: true }) responseTimeMs: number | null;
  @Column('text', { nullable: true }) error: string | null;
  @Column('text', { nullable: true }) responseBody: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
