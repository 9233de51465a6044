import { Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service';
import type { AuthContext } from '../auth/auth-context';
import { CredentialRevocation } from '../auth/revocation/credential-revocation.service';
import { hashPassword, passwordFieldErrors, verifyPassword } from '../auth/passwords';
import { FieldErrors, NotAuthenticated, ValidationFailed } from '../common/errors/app-error';
import { Sessions } from '../database/sessions';
import type { TenantKey } from '../database/tenant-key';
import { InjectTenantRepository, TenantRepository } from '../database/tenant-repository';
import { assignmentRoleName } from '../team/team.mapper';
import { Warehouse } from '../warehouses/entities/warehouse.entity';
import { fromOnboardingInput, toCompanyDto } from './company.mapper';
import { CompanyDto, OnboardingStatusDto, OnboardingUpdatedDto, UpdateOnboardingDto } from './dto/company.dto';
import { UpdateProfileDto } from './dto/profile-input.dto';
import { CompanyRepository } from './company.repository';
import { withUniqueIdentifiers } from './identity-uniqueness';
import { UserDetailDto, UserWarehouseDto } from './dto/user.dto';
import { Company } from './entities/company.entity';
import { User } from './entities/user.entity';
import { fromProfileInput, toUserDetail } from './users.mapper';

/** Fields a company needs before onboarding is complete. */
const ONBOARDING_FIELDS = ['email', 'country'] as const;

@Injectable()
export class AccountsService {
  constructor(
    @InjectTenantRepository(User) private readonly users: TenantRepository<User>,
    @InjectTenantRepository(Warehouse) private readonly warehouses: TenantRepository<Warehouse>,
    private readonly companies: CompanyRepository,
    private readonly sessions: Sessions,
    private readonly access: AccessService,
    private readonly revocation: CredentialRevocation,
  ) {}

  /** The signed-in user, with company and warehouses. */
  async me(auth: AuthContext): Promise<UserDetailDto> {
    const user = await this.currentUser(auth);
    return toUserDetail(user, await this.loadCompany(auth), await this.warehousesOf(auth, auth.userId));
  }

  /** Profile update, PUT and PATCH alike; read-only fields were accepted by the DTO and are ignored here. */
  async updateProfile(auth: AuthContext, dto: UpdateProfileDto): Promise<UserDetailDto> {
    const user = await this.currentUser(auth);
    Object.assign(user, fromProfileInput(dto));
    if (dto.email !== undefined) user.email = dto.email;
    await withUniqueIdentifiers(() => this.users.save(auth, user));
    return this.me(auth);
  }

  /**
   * Password change (with or without the confirmation field). Ends the user's other sessions; the
   * session making the change stays signed in.
   */
  async changePassword(auth: AuthContext, dto: { old_password: string; new_password: string; new_password_confirm?: string }): Promise<void> {
    const user = await this.currentUser(auth);
    const fields: FieldErrors = {};
    if (!(await verifyPassword(user.passwordHash, dto.old_password))) {
      fields.old_password = ['Your old password was entered incorrectly. Please enter it again.'];
    }
    if (dto.new_password_confirm !== undefined && dto.new_password !== dto.new_password_confirm) {
      fields.new_password_confirm = ["The two password fields didn't match."];
    }
    Object.assign(fields, passwordFieldErrors('new_password', dto.new_password, user));
    if (Object.keys(fields).length > 0) throw new ValidationFailed(fields);

    user.passwordHash = await hashPassword(dto.new_password);
    await this.users.save(auth, user);
    // Every other session and every opaque token (000 keys, 001 tokens, integration keys) ends.
    await this.revocation.endAllButCurrent(auth);
  }

  /** The caller's company. */
  async company(auth: AuthContext): Promise<CompanyDto> {
    return toCompanyDto(await this.loadCompany(auth));
  }

  /** Which onboarding fields are still missing. */
  async onboardingStatus(auth: AuthContext): Promise<OnboardingStatusDto> {
    const company = await this.loadCompany(auth);
    const missing = ONBOARDING_FIELDS.filter((f) => company[f].trim() === '');
    const warehouseCount = await this.warehouses.count(auth, { isActive: true });
    return {
      is_complete: missing.length === 0 && warehouseCount > 0,
      company_info_complete: missing.length === 0,
      has_warehouse: warehouseCount > 0,
      missing_fields: missing,
      warehouse_count: warehouseCount,
    };
  }

  /** Onboarding details: email and country are required only while the company has none. */
  async updateOnboarding(auth: AuthContext, dto: UpdateOnboardingDto): Promise<OnboardingUpdatedDto> {
    const company = await this.loadCompany(auth);
    const fields: FieldErrors = {};
    for (const field of ONBOARDING_FIELDS) {
      if (company[field].trim() === '' && !dto[field]) fields[field] = ['This field is required.'];
    }
    if (Object.keys(fields).length > 0) throw new ValidationFailed(fields);
    Object.assign(company, fromOnboardingInput(dto));
    await this.companies.save(auth, company);
    return { company: toCompanyDto(await this.loadCompany(auth)), message: 'Company onboarding information updated successfully.' };
  }

  /** The user's warehouse assignments as login and me/ show them. */
  async warehousesOf(key: TenantKey, userId: number): Promise<UserWarehouseDto[]> {
    const assignments = (await this.access.assignmentsOf(key, [userId])).get(userId) ?? [];
    return assignments.map((a) => ({
      warehouse_id: a.warehouseId,
      warehouse_code: a.warehouse?.code ?? '',
      warehouse_name: a.warehouse?.name ?? '',
      role: assignmentRoleName(a),
      is_primary: a.isPrimary,
    }));
  }

  /** For login, which runs before any tenant transaction: opens one for the user's company. */
  warehousesOfUser(user: User): Promise<UserWarehouseDto[]> {
    return this.sessions.tenant(user.companyId, () => this.warehousesOf(user, user.id));
  }

  private loadCompany(auth: AuthContext): Promise<Company> {
    return this.companies.get(auth);
  }

  private async currentUser(auth: AuthContext): Promise<User> {
    const user = await this.users.findOne(auth, { id: auth.userId });
    if (!user) throw new NotAuthenticated('User not found');
    return user;
  }
}
