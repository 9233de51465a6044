import { ApiProperty } from '@nestjs/swagger';

/** A warehouse the user is assigned to, with their role there. */
export class UserWarehouseDto {
  warehouse_id: number;
  warehouse_code: string;
  warehouse_name: string;
  /** A custom role's name or a legacy role (admin, manager, operator, viewer); null for none. */
  @ApiProperty({ type: String, nullable: true, example: 'manager' })
  role: string | null;
  is_primary: boolean;
}

/** The user as sign-up answers it. */
export class UserSummaryDto {
  id: number;
  username: string;
  email: string;
  first_name: string;
  last_name: string;
  company_id: number;
  company_name: string;
  is_staff: boolean;
  is_active: boolean;
  /** @example 2024-01-01T00:00:00Z */
  date_joined: string;
}

/** The user as login answers it. */
export class LoginUserDto extends UserSummaryDto {
  employee_code: string;
  job_title: string;
  phone: string;
  is_warehouse_operator: boolean;
  warehouses: UserWarehouseDto[];
}

/** The current user's full record, as profile reads and updates answer it. */
export class UserDetailDto extends LoginUserDto {
  mobile: string;
  language: string;
  time_zone: string;
  is_superuser: boolean;
  last_login: string | null;
}
