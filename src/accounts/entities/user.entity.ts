import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

/** Company-wide legacy role; per-warehouse roles live in warehouse assignments. */
export const LEGACY_ROLES = ['admin', 'manager', 'operator', 'viewer'] as const;
export type LegacyRole = (typeof LEGACY_ROLES)[number];

// Case-insensitive unique indexes on lower(...) live in the migration; TypeORM must not diff them.
@Index('uq_users_username', { synchronize: false })
@Index('uq_users_email', { synchronize: false })
@Unique('users_company_id_id_key', ['companyId', 'id'])
@Entity({ name: 'users' })
export class User {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column('integer') companyId: number;
  @Column('text') username: string;
  @Column('text') email: string;
  @Column('text', { select: true }) passwordHash: string;
  @Column('text', { default: '' }) firstName: string;
  @Column('text', { default: '' }) lastName: string;
  @Column('text', { default: '' }) employeeCode: string;
  @Column('text', { default: '' }) jobTitle: string;
  @Column('text', { default: '' }) phone: string;
  @Column('text', { default: '' }) mobile: string;
  @Column('text', { default: 'en' }) language: string;
  @Column('text', { default: 'UTC' }) timeZone: string;
  @Column('boolean', { default: false }) isWarehouseOperator: boolean;
  @Column('boolean', { default: true }) isActive: boolean;
  @Column('boolean', { default: false }) isStaff: boolean;
  @Column('boolean', { default: false }) isSuperuser: boolean;
  @Column('text', { default: 'viewer' }) role: LegacyRole;

  @CreateDateColumn({ type: 'timestamptz' }) dateJoined: Date;
  @Column('timestamptz', { nullable: true }) lastLogin: Date | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
