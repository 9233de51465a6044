import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Address } from '../../customers/entities/customer.entity';
import { decimalString } from '../../database/transformers';

export const ORDER_STATUSES = ['pending', 'confirmed', 'processing', 'shipped', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

@Entity({ name: 'orders' })
export class Order {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column('integer') companyId: number;
  @Column('integer') customerId: number;
  @Column('text', { default: 'pending' }) status: OrderStatus;
  @Column('numeric', { precision: 12, scale: 2, default: 0, transformer: decimalString }) total: string;
  @Column('jsonb', { nullable: true }) shippingAddress: Address | null;
  @Column('jsonb', { nullable: true }) billingAddress: Address | null;
  @Column('integer', { nullable: true }) createdBy: number | null;
  /** The marketplace connection the order came through, if any. */
  @Column('integer', { nullable: true }) channelConnectionId: number | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** One product line; it holds a reservation on one stock row until shipped or cancelled. */
@Entity({ name: 'order_lines' })
export class OrderLine {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column('integer') companyId: number;
  @Column('integer') orderId: number;
  @Column('integer') lineNo: number;
  @Column('integer') productId: number;
  @Column('integer') warehouseId: number;
  @Column('bigint') stockLevelId: number;
  @Column('integer') quantity: number;
  @Column('numeric', { precision: 12, scale: 2, transformer: decimalString }) unitPrice: string;
  @Column({ type: 'numeric', precision: 12, scale: 2, generatedType: 'STORED', asExpression: 'round(quantity * unit_price, 2)', transformer: decimalString })
  lineTotal: string;
}

/** The order's history: status changes and notes. */
@Entity({ name: 'order_events' })
export class OrderEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column('integer') companyId: number;
  @Column('integer') orderId: number;
  @Column('text') kind: 'status' | 'note';
  @Column('text', { nullable: true }) fromStatus: OrderStatus | null;
  @Column('text', { nullable: true }) toStatus: OrderStatus | null;
  @Column('text', { default: '' }) note: string;
  @Column('integer', { nullable: true }) userId: number | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
