import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { decimalString } from '../database/transformers';

export const SHIPMENT_STATUSES = ['shipped', 'in_transit', 'delivered'] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

@Entity({ name: 'shipments' })
export class Shipment {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column('integer') companyId: number;
  @Column('integer') orderId: number;
  @Column('text') carrier: string;
  @Column('text', { default: '' }) serviceType: string;
  @Column('text', { default: '' }) trackingNumber: string;
  @Column('numeric', { precision: 12, scale: 2, default: 0, transformer: decimalString }) shippingCost: string;
  /** YYYY-MM-DD. */
  @Column('date', { nullable: true }) estimatedDelivery: string | null;
  @Column('text', { default: 'shipped' }) status: ShipmentStatus;
  @Column('timestamptz') shippedAt: Date;
  @Column('timestamptz', { nullable: true }) deliveredAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
