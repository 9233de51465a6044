import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { decimalString } from '../../database/transformers';

export const PLATFORMS = ['amazon', 'shopify', 'custom'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** A marketplace account the company sells through. `credentials` is sealed JSON. */
@Entity({ name: 'marketplace_connections' })
export class MarketplaceConnection {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column('integer') companyId: number;
  @Column('text') platform: Platform;
  @Column('text') name: string;
  @Column('text') credentials: string;
  @Column('integer', { nullable: true }) stockListId: number | null;
  @Column('numeric', { precision: 6, scale: 2, nullable: true, transformer: decimalString }) priceMarkupPercent: string | null;
  @Column('boolean', { default: true }) isActive: boolean;
  @Column('timestamptz', { nullable: true }) lastSyncedAt: Date | null;
  @Column('text', { nullable: true }) lastError: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
