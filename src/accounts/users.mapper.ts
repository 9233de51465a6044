import { definedOnly } from '../common/defined';
import { isoTime } from '../common/http/serialize';
import type { UserBriefDto } from './dto/user-by-id.dto';
import type { LoginUserDto, UserDetailDto, UserSummaryDto, UserWarehouseDto } from './dto/user.dto';
import type { Company } from './entities/company.entity';
import type { User } from './entities/user.entity';

export function toUserSummary(user: User, company: Pick<Company, 'name'>): UserSummaryDto {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    first_name: user.firstName,
    last_name: user.lastName,
    company_id: user.companyId,
    company_name: company.name,
    is_staff: user.isStaff,
    is_active: user.isActive,
    date_joined: isoTime(user.dateJoined),
  };
}

export function toLoginUser(user: User, company: Pick<Company, 'name'>, warehouses: UserWarehouseDto[]): LoginUserDto {
  return {
    ...toUserSummary(user, company),
    employee_code: user.employeeCode,
    job_title: user.jobTitle,
    phone: user.phone,
    is_warehouse_operator: user.isWarehouseOperator,
    warehouses,
  };
}

export function toUserDetail(user: User, company: Pick<Company, 'name'>, warehouses: UserWarehouseDto[]): UserDetailDto {
  return {
    ...toLoginUser(user, company, warehouses),
    mobile: user.mobile,
    language: user.language,
    time_zone: user.timeZone,
    is_superuser: user.isSuperuser,
    last_login: isoTime(user.lastLogin),
  };
}

/** Profile fields a user (or an admin, for a team member) may set. */
export interface ProfileInput {
  first_name?: string;
  last_name?: string;
  employee_code?: string;
  job_title?: string;
  phone?: string;
  mobile?: string;
  language?: string;
  time_zone?: string;
  is_warehouse_operator?: boolean;
}

export function fromProfileInput(dto: ProfileInput): Partial<User> {
  return definedOnly({
    firstName: dto.first_name,
    lastName: dto.last_name,
    employeeCode: dto.employee_code,
    jobTitle: dto.job_title,
    phone: dto.phone,
    mobile: dto.mobile,
    language: dto.language,
    timeZone: dto.time_zone,
    isWarehouseOperator: dto.is_warehouse_operator,
  });
}

/** Document 002's user by id. */
export function toUserBrief(user: User): UserBriefDto {
  return { id: user.id, username: user.username, email: user.email, created_at: isoTime(user.dateJoined) };
}
