import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

export const WAREHOUSE_TYPES = ['main', 'store', '3pl', 'other'] as const;
export type WarehouseType = (typeof WAREHOUSE_TYPES)[number];

@Unique('uq_warehouses_company_code', ['companyId', 'code'])
@Unique('warehouses_company_id_id_key', ['companyId', 'id'])
@Entity({ name: 'warehouses' })
export class Warehouse {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column('integer') companyId: number;
  @Column('text') code: string;
  @Column('text') name: string;
  @Column('text', { default: '' }) description: string;
  @Column('text', { default: '' }) addressLine1: string;
  @Column('text', { default: '' }) addressLine2: string;
  @Column('text', { default: '' }) city: string;
  @Column('text', { default: '' }) state: string;
  @Column('text', { default: '' }) postalCode: string;
  @Column('text', { default: '' }) country: string;
  @Column('text', { default: '' }) timeZone: string;
  /** numeric(9,6), read back as a string with six decimals ("40.712800"). */
  @Column('numeric', { precision: 9, scale: 6, nullable: true }) latitude: string | null;
  @Column('numeric', { precision: 9, scale: 6, nullable: true }) longitude: string | null;
  @Column('text', { default: 'main' }) type: WarehouseType;
  @Column('boolean', { default: true }) isActive: boolean;
  @Column('boolean', { default: false }) allowNegativeStock: boolean;
  @Column('boolean', { default: false }) usesBins: boolean;
  /** Free-text location line (document 003). */
  @Column('text', { default: '' }) location: string;
  @Column('integer', { nullable: true }) capacity: number | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
