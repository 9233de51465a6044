import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { decimalString } from '../database/transformers';

export const GATEWAY_TYPES = ['manual', 'stripe'] as const;
export type GatewayType = (typeof GATEWAY_TYPES)[number];
export const PAYMENT_STATUSES = ['pending', 'completed', 'failed', 'refunded'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

@Entity({ name: 'payment_gateways' })
export class PaymentGateway {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column('integer') companyId: number;
  @Column('text') name: string;
  @Column('text') gatewayType: GatewayType;
  /** AES-256-GCM; see SecretBox. Never answered. */
  @Column('text', { nullable: true }) apiKeyEncrypted: string | null;
  @Column('text', { nullable: true }) apiKeyMasked: string | null;
  @Column('text', { nullable: true }) webhookSecretEncrypted: string | null;
  @Column('text', { nullable: true }) webhookSecretMasked: string | null;
  @Column('boolean', { default: true }) isActive: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity({ name: 'payment_transactions' })
export class PaymentTransaction {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column('integer') companyId: number;
  @Column('integer') orderId: number;
  @Column('integer', { nullable: true }) gatewayId: number | null;
  @Column('text') gatewayType: GatewayType;
  @Column('numeric', { precision: 12, scale: 2, transformer: decimalString }) amount: string;
  @Column('character', { length: 3 }) currency: string;
  @Column('text') paymentMethod: string;
  @Column('text') status: PaymentStatus;
  @Column('text', { default: '' }) providerReference: string;
  @Column('text', { default: '' }) failureMessage: string;
  @Column('integer', { nullable: true }) createdBy: number | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
