import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../access/access.decorators';
import { AccountsService } from '../../accounts/accounts.service';
import { UpdateProfileDto } from '../../accounts/dto/profile-input.dto';
import { UserDetailDto } from '../../accounts/dto/user.dto';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { CurrentAuth } from '../auth-context';
import type { AuthContext } from '../auth-context';
import { MessageDto } from '../dto/auth-responses.dto';
import { SimpleChangePasswordDto } from './dto/dialects.dto';

/** Document 003's account routes: the same profile and password as 004's. */
@ApiTags('auth')
@ApiBearerAuth()
@Authenticated()
@Controller('auth')
export class AccountDialectsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get('user')
  @ApiOperation({ summary: 'The current user' })
  @ApiOkResponse({ type: UserDetailDto })
  @ApiErrors(401)
  user(@CurrentAuth() auth: AuthContext): Promise<UserDetailDto> {
    return this.accounts.me(auth);
  }

  @Patch('user')
  @ApiOperation({ summary: 'Update the current user' })
  @ApiOkResponse({ type: UserDetailDto })
  @ApiErrors(400, 401)
  updateUser(@CurrentAuth() auth: AuthContext, @Body() dto: UpdateProfileDto): Promise<UserDetailDto> {
    return this.accounts.updateProfile(auth, dto);
  }

  @Post('change-password')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change the password without a confirmation field; other sessions and keys end' })
  @ApiOkResponse({ type: MessageDto })
  @ApiErrors(400, 401)
  async changePassword(@CurrentAuth() auth: AuthContext, @Body() dto: SimpleChangePasswordDto): Promise<MessageDto> {
    await this.accounts.changePassword(auth, dto);
    return { message: 'Password changed successfully.' };
  }
}
