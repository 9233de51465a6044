import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One issued refresh token (its id is the JWT's jti). Tokens of one login form a family:
 * each refresh marks the old token used and issues the next; presenting a used or revoked
 * token revokes the whole family (reuse detection).
 */
@Entity({ name: 'refresh_tokens' })
export class RefreshToken {
  @PrimaryColumn('uuid') id: string;
  @Column('integer') companyId: number;
  @Column('integer') userId: number;
  @Column('uuid') familyId: string;
  @Column('timestamptz') expiresAt: Date;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { nullable: true }) usedAt: Date | null;
  @Column('timestamptz', { nullable: true }) revokedAt: Date | null;
}
