import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** 003's address. */
export interface Address {
  street: string;
  city: string;
  state?: string;
  zip_code?: string;
  country: string;
}

@Entity({ name: 'customers' })
export class Customer {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column('integer') companyId: number;
  @Column('text') name: string;
  @Column('text', { default: '' }) email: string;
  @Column('text', { default: '' }) phone: string;
  @Column('text', { default: '' }) companyName: string;
  @Column('jsonb', { nullable: true }) shippingAddress: Address | null;
  @Column('jsonb', { nullable: true }) billingAddress: Address | null;
  @Column('text', { default: '' }) notes: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
