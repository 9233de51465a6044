import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { STANDARD_STOCK_TYPE } from './stock-type';

/** A bin or area inside a warehouse (Whippy Ware's location of a provider). */
@Unique('uq_stock_locations_code', ['companyId', 'warehouseId', 'code'])
@Unique('stock_locations_company_id_warehouse_id_id_key', ['companyId', 'warehouseId', 'id'])
@Entity({ name: 'stock_locations' })
export class StockLocation {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column('integer') companyId: number;
  @Column('integer') warehouseId: number;
  @Column('text') code: string;
  @Column('text') name: string;
  /** What kind of stock the bin holds; every stock row in the bin has this type. */
  @Column('text', { default: STANDARD_STOCK_TYPE }) stockType: string;
  @Column('boolean', { default: true }) isActive: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
