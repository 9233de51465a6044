import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type StockCountStatus = 'draft' | 'applied';

/** A stock take or an external feed: absolute levels to set, applied once. */
@Entity({ name: 'stock_counts' })
export class StockCount {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column('integer') companyId: number;
  @Column('text', { default: '' }) name: string;
  @Column('text', { default: '' }) note: string;
  @Column('text', { default: 'draft' }) status: StockCountStatus;
  @Column('integer', { nullable: true }) createdBy: number | null;
  @Column('integer', { nullable: true }) appliedBy: number | null;
  @Column('timestamptz', { nullable: true }) appliedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity({ name: 'stock_count_lines' })
export class StockCountLine {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column('integer') companyId: number;
  @Column('integer') stockCountId: number;
  @Column('integer') lineNo: number;
  @Column('integer') productId: number;
  @Column('integer') warehouseId: number;
  @Column('integer', { nullable: true }) locationId: number | null;
  @Column('integer') quantity: number;
  @Column('integer', { nullable: true }) expectedQuantity: number | null;
}
