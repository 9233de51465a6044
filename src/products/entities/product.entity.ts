import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { decimalString } from '../../database/transformers';

@Unique('uq_products_company_sku', ['companyId', 'sku'])
@Unique('products_company_id_id_key', ['companyId', 'id'])
@Entity({ name: 'products' })
export class Product {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column('integer') companyId: number;
  @Column('text') sku: string;
  @Column('text') name: string;
  @Column('text', { default: '' }) description: string;
  /** numeric(12,2), kept as a string so no float ever touches money. */
  @Column('numeric', { precision: 12, scale: 2, default: 0, transformer: decimalString }) price: string;
  @Column('text', { default: '' }) category: string;
  @Column('text', { default: '' }) barcode: string;
  @Column('text', { default: 'pcs' }) unit: string;
  @Column('boolean', { default: true }) isActive: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
