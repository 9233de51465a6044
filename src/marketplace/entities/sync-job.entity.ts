import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A requested sync of products to a connection, and how far it got. */
@Entity({ name: 'marketplace_sync_jobs' })
export class SyncJob {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column('integer') companyId: number;
  @Column('integer') connectionId: number;
  @Column('text', { default: 'running' }) status: 'running' | 'completed' | 'failed';
  @Column('integer', { default: 0 }) total: number;
  @Column('integer', { default: 0 }) succeeded: number;
  @Column('integer', { default: 0 }) failed: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { nullable: true }) finishedAt: Date | null;
}
