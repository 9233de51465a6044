import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A channel's published stock: what its rule makes sellable, per SKU. */
@Entity({ name: 'stock_lists' })
export class StockList {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column('integer') companyId: number;
  @Column('text') name: string;
  @Column('text') code: string;
  @Column('integer') ruleId: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
