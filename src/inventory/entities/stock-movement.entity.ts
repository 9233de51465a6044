import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const MOVEMENT_TYPES = ['initial', 'adjustment', 'update', 'transfer_in', 'transfer_out', 'count', 'import', 'reserve', 'release', 'ship'] as const;
export type MovementType = (typeof MOVEMENT_TYPES)[number];

/** One line of the stock ledger. on_hand of a stock row always equals the sum of its quantity_delta. */
@Entity({ name: 'stock_movements' })
export class StockMovement {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column('integer') companyId: number;
  @Column('bigint') stockLevelId: number;
  @Column('integer') productId: number;
  @Column('integer') warehouseId: number;
  @Column('integer', { nullable: true }) locationId: number | null;
  @Column('text') type: MovementType;
  @Column('integer') quantityDelta: number;
  @Column('integer', { default: 0 }) reservedDelta: number;
  @Column('integer') quantityAfter: number;
  @Column('text', { default: '' }) reason: string;
  @Column('text', { default: '' }) reference: string;
  @Column('integer', { nullable: true }) userId: number | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
