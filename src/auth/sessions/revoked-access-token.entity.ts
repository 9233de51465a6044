import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An access JWT refused until it expires (002's logout with a Bearer token). */
@Entity({ name: 'revoked_access_tokens' })
export class RevokedAccessToken {
  @PrimaryColumn('uuid') jti: string;
  @Column('integer') companyId: number;
  @Column('integer') userId: number;
  @Column('timestamptz') expiresAt: Date;
}
