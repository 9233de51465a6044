import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ImportStatus = 'pending' | 'processing' | 'completed' | 'failed';
export type ImportMode = 'skip_invalid' | 'all_or_nothing';

export interface ImportRowError {
  line: number;
  column: string;
  message: string;
}

@Entity({ name: 'import_jobs' })
export class ImportJob {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column('integer') companyId: number;
  @Column('integer', { nullable: true }) userId: number | null;
  @Column('text', { default: '' }) filename: string;
  @Column('text', { default: 'skip_invalid' }) mode: ImportMode;
  @Column('text', { default: 'pending' }) status: ImportStatus;
  @Column('integer', { default: 0 }) totalRows: number;
  @Column('integer', { default: 0 }) processedRows: number;
  @Column('integer', { default: 0 }) errorCount: number;
  @Column('jsonb', { default: () => "'[]'" }) errors: ImportRowError[];
  @Column('text', { default: '' }) message: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { nullable: true }) finishedAt: Date | null;
}
