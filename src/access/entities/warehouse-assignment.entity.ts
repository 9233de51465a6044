import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { LegacyRole } from '../../accounts/entities/user.entity';
import { Warehouse } from '../../warehouses/entities/warehouse.entity';
import { Role } from './role.entity';

/** A user's role in one warehouse: a legacy role, a custom role, or none. */
@Index('uq_assignments_one_primary', { synchronize: false })
@Unique('uq_assignments_user_warehouse', ['companyId', 'userId', 'warehouseId'])
@Entity({ name: 'warehouse_assignments' })
export class WarehouseAssignment {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column('integer') companyId: number;
  @Column('integer') userId: number;
  @Column('integer') warehouseId: number;
  @Column('text', { nullable: true }) legacyRole: LegacyRole | null;
  @Column('integer', { nullable: true }) roleId: number | null;
  @Column('boolean', { default: false }) isPrimary: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;

  @ManyToOne(() => Warehouse, { createForeignKeyConstraints: false })
  // Read-only joins; the composite foreign keys in SQL keep both sides in one company.
  @JoinColumn({ name: 'warehouse_id' })
  warehouse?: Warehouse;

  @ManyToOne(() => Role, { createForeignKeyConstraints: false, nullable: true })
  @JoinColumn({ name: 'role_id' })
  role?: Role | null;
}
