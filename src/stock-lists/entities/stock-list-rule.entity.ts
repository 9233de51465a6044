import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { decimalString } from '../../database/transformers';

/** Which stock a sales channel may offer, and how much of it to hold back. */
@Entity({ name: 'stock_list_rules' })
export class StockListRule {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column('integer') companyId: number;
  @Column('text') name: string;
  @Column('integer', { array: true }) warehouseIds: number[];
  /** Only these bins of the warehouses; null: every bin and the warehouse's unbinned stock. */
  @Column('integer', { array: true, nullable: true }) locationIds: number[] | null;
  /** Only stock of these types (a bin's type; stock kept at warehouse level is standard); null: every type. */
  @Column('text', { array: true, nullable: true }) stockTypes: string[] | null;
  @Column('integer', { default: 0 }) safetyStock: number;
  @Column('numeric', { precision: 5, scale: 2, nullable: true, transformer: decimalString }) safetyStockPercent: string | null;
  @Column('integer', { default: 0 }) minQuantityToPublish: number;
  @Column('boolean', { default: true }) isActive: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
