import { Injectable } from '@nestjs/common';
import { AccountsService } from '../accounts/accounts.service';
import type { Company } from '../accounts/entities/company.entity';
import { User } from '../accounts/entities/user.entity';
import { TAKEN_MESSAGES, withUniqueIdentifiers } from '../accounts/identity-uniqueness';
import { fromProfileInput, toLoginUser, toUserSummary } from '../accounts/users.mapper';
import { FieldErrors, ValidationFailed } from '../common/errors/app-error';
import { InjectTenantRepository, TenantRepository } from '../database/tenant-repository';
import { AuthContext } from './auth-context';
import { InvalidRefreshToken, LogoutRefused } from './auth.errors';
import { EmailLoginDto, LogoutDto } from './dto/credentials.dto';
import { LoginResponseDto, MessageDto, RefreshResponseDto, RegisterResponseDto } from './dto/auth-responses.dto';
import { RegisterDto } from './dto/register.dto';
import { RefreshToken } from './entities/refresh-token.entity';
import { CredentialsService } from './credentials.service';
import { IdentityStore } from './identity.store';
import { hashPassword, passwordFieldErrors } from './passwords';
import { CredentialRevocation } from './revocation/credential-revocation.service';
import { TokenService } from './token.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly identities: IdentityStore,
    private readonly tokens: TokenService,
    private readonly credentials: CredentialsService,
    private readonly accounts: AccountsService,
    private readonly revocation: CredentialRevocation,
    @InjectTenantRepository(RefreshToken) private readonly refreshTokens: TenantRepository<RefreshToken>,
  ) {}

  /** Sign-up: a company and its owner (admin of the company) in one transaction. */
  async register(dto: RegisterDto): Promise<RegisterResponseDto> {
    const fields: FieldErrors = {};
    if (dto.password !== dto.password_confirm) fields.password_confirm = ["Password fields didn't match."];
    Object.assign(fields, passwordFieldErrors('password', dto.password, dto));
    const taken = await this.identities.taken({ username: dto.username, email: dto.email, companyName: dto.company_name });
    if (taken.username) fields.username = [TAKEN_MESSAGES.username];
    if (taken.email) fields.email = [TAKEN_MESSAGES.email];
    if (taken.companyName) fields.company_name = [TAKEN_MESSAGES.company_name];
    if (Object.keys(fields).length > 0) throw new ValidationFailed(fields);

    const passwordHash = await hashPassword(dto.password);
    const { company, user, refresh } = await withUniqueIdentifiers(() =>
      this.identities.register(companyFields(dto), { ...ownerFields(dto), passwordHash, role: 'admin', isStaff: true }, (owner) =>
        this.tokens.issueRefresh(owner),
      ),
    );
    return {
      user: toUserSummary(user, company),
      company: { id: company.id, name: company.name },
      tokens: { access: this.tokens.issueAccess(user, refresh.familyId).token, refresh: refresh.token },
      message: 'Company and user registered successfully.',
    };
  }

  /** Login by email and password. Unknown email and wrong password look the same. */
  async loginByEmail(dto: EmailLoginDto): Promise<LoginResponseDto> {
    const { user, company } = await this.credentials.verify({ email: dto.email }, dto.password, { status: 400 });
    const session = await this.credentials.startSession(user);
    const warehouses = await this.accounts.warehousesOfUser(user);
    return { access: session.access, refresh: session.refresh, user: toLoginUser(user, company, warehouses) };
  }

  /** Refresh: a new access token, and the next refresh token (refresh tokens rotate on use). */
  async refresh(token: string): Promise<RefreshResponseDto> {
    const claims = this.tokens.verifyRefresh(token);
    if (!claims) throw new InvalidRefreshToken();
    const outcome = await this.identities.rotateRefresh(claims.jti, Number(claims.sub), (user, familyId) => this.tokens.issueRefresh(user, familyId));
    if (outcome.status !== 'rotated' || !outcome.next) throw new InvalidRefreshToken();
    return { access: this.tokens.issueAccess(outcome.user, outcome.next.familyId).token, refresh: outcome.next.token };
  }

  /** Logout: ends the refresh token's login session, and with it the session's access tokens. */
  async logout(auth: AuthContext, dto: LogoutDto): Promise<MessageDto> {
    if (!dto.refresh) throw LogoutRefused.missing();
    const claims = this.tokens.verifyRefresh(dto.refresh);
    if (!claims || Number(claims.sub) !== auth.userId) throw LogoutRefused.invalid();
    const token = await this.refreshTokens.findOne(auth, { id: claims.jti, userId: auth.userId });
    if (!token || token.usedAt || token.revokedAt) throw LogoutRefused.invalid();
    await this.revocation.endSession(auth, auth.userId, token.familyId);
    return { message: 'Successfully logged out.' };
  }
}

function companyFields(dto: RegisterDto): Partial<Company> {
  return {
    name: dto.company_name,
    legalName: dto.company_legal_name,
    email: dto.company_email,
    phone: dto.company_phone,
    website: dto.company_website,
    addressLine1: dto.company_address_line1,
    addressLine2: dto.company_address_line2,
    city: dto.company_city,
    state: dto.company_state,
    postalCode: dto.company_postal_code,
    country: dto.company_country,
    taxId: dto.company_tax_id,
    registrationNumber: dto.company_registration_number,
  };
}

function ownerFields(dto: RegisterDto): Partial<User> {
  return { ...fromProfileInput(dto), username: dto.username, email: dto.email };
}
