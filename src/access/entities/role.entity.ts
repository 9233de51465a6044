import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { Permission } from '../permissions';

/** A company's own role: a name and a list of permissions from the catalogue. */
@Index('uq_roles_company_name', { synchronize: false })
@Unique('roles_company_id_id_key', ['companyId', 'id'])
@Entity({ name: 'roles' })
export class Role {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column('integer') companyId: number;
  @Column('text') name: string;
  @Column('text', { default: '' }) description: string;
  @Column('text', { array: true, default: () => "'{}'" }) permissions: Permission[];

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
