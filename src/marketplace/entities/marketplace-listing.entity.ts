import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { decimalString } from '../../database/transformers';

export const LISTING_STATUSES = ['pending', 'synced', 'error'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

/** A product on a marketplace: what should be offered, and what was last pushed. */
@Entity({ name: 'marketplace_listings' })
export class MarketplaceListing {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column('integer') companyId: number;
  @Column('integer') connectionId: number;
  @Column('integer') productId: number;
  @Column('text') sku: string;
  @Column('text', { nullable: true }) externalId: string | null;
  @Column('numeric', { precision: 12, scale: 2, transformer: decimalString }) price: string;
  @Column('integer') quantity: number;
  @Column('numeric', { precision: 12, scale: 2, nullable: true, transformer: decimalString }) pushedPrice: string | null;
  @Column('integer', { nullable: true }) pushedQuantity: number | null;
  @Column('timestamptz', { nullable: true }) lastPushedAt: Date | null;
  @Column('text', { default: 'pending' }) status: ListingStatus;
  @Column('text', { nullable: true }) error: string | null;
  @Column('integer', { default: 0 }) attempts: number;
  @Column('timestamptz', { nullable: true }) nextAttemptAt: Date | null;
  @Column('integer', { nullable: true }) jobId: number | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
