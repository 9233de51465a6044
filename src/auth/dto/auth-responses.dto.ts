import type { LoginUserDto, UserSummaryDto } from '../../accounts/dto/user.dto';

export class TokenPairDto {
  access: string;
  refresh: string;
}

export class RegisteredCompanyDto {
  id: number;
  name: string;
}

export class RegisterResponseDto {
  user: UserSummaryDto;
  company: RegisteredCompanyDto;
  tokens: TokenPairDto;
  /** @example Company and user registered successfully. */
  message: string;
}

export class LoginResponseDto {
  access: string;
  refresh: string;
  user: LoginUserDto;
}

/** The new access token and, since refresh tokens rotate, the refresh token to use next time. */
export class RefreshResponseDto {
  access: string;
  refresh: string;
}

export class MessageDto {
  /** @example Successfully logged out. */
  message: string;
}
