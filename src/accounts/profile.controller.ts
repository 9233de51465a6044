import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentAuth } from '../auth/auth-context';
import type { AuthContext } from '../auth/auth-context';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { AccountsService } from './accounts.service';
import { UserDetailDto } from './dto/user.dto';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts/auth')
export class ProfileController {
  constructor(private readonly accounts: AccountsService) {}

  @Get('me')
  @ApiOperation({ summary: 'The current user' })
  @ApiOkResponse({ type: UserDetailDto })
  @ApiErrors(401)
  me(@CurrentAuth() auth: AuthContext): Promise<UserDetailDto> {
    return this.accounts.me(auth);
  }
}
