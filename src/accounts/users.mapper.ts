import { isoTime } from '../common/http/serialize';
import { LoginUserDto, UserDetailDto, UserSummaryDto, UserWarehouseDto } from './dto/user.dto';
import { Company } from './entities/company.entity';
import { User } from './entities/user.entity';

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
