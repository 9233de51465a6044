import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Index('uq_companies_name', { synchronize: false })
@Entity({ name: 'companies' })
export class Company {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column('text') name: string;
  @Column('text', { default: '' }) legalName: string;
  @Column('text', { default: '' }) email: string;
  @Column('text', { default: '' }) phone: string;
  @Column('text', { default: '' }) website: string;
  @Column('text', { default: '' }) addressLine1: string;
  @Column('text', { default: '' }) addressLine2: string;
  @Column('text', { default: '' }) city: string;
  @Column('text', { default: '' }) state: string;
  @Column('text', { default: '' }) postalCode: string;
  @Column('text', { default: '' }) country: string;
  @Column('text', { default: '' }) taxId: string;
  @Column('text', { default: '' }) registrationNumber: string;
  @Column('boolean', { default: true }) isActive: boolean;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
