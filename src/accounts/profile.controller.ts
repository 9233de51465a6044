import { Body, Controller, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../access/access.decorators';
import { CurrentAuth } from '../auth/auth-context';
import type { AuthContext } from '../auth/auth-context';
import { MessageDto } from '../auth/dto/auth-responses.dto';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { AccountsService } from './accounts.service';
import { ChangePasswordDto, ReplaceProfileDto, UpdateProfileDto } from './dto/profile-input.dto';
import { UserDetailDto } from './dto/user.dto';

/** The signed-in user's own account: profile and password. */
@ApiTags('accounts')
@ApiBearerAuth()
@Authenticated()
@Controller('accounts/auth')
export class ProfileController {
  constructor(private readonly accounts: AccountsService) {}

  @Get('me')
  @ApiOperation({ summary: 'The current user, with their warehouses' })
  @ApiOkResponse({ type: UserDetailDto })
  @ApiErrors(401)
  me(@CurrentAuth() auth: AuthContext): Promise<UserDetailDto> {
    return this.accounts.me(auth);
  }

  @Get('profile')
  @ApiOperation({ summary: "The current user's profile" })
  @ApiOkResponse({ type: UserDetailDto })
  @ApiErrors(401)
  profile(@CurrentAuth() auth: AuthContext): Promise<UserDetailDto> {
    return this.accounts.me(auth);
  }

  @Put('profile')
  @ApiOperation({ summary: 'Replace the profile (email required; read-only fields are ignored)' })
  @ApiOkResponse({ type: UserDetailDto })
  @ApiErrors(400, 401)
  replaceProfile(@CurrentAuth() auth: AuthContext, @Body() dto: ReplaceProfileDto): Promise<UserDetailDto> {
    return this.accounts.updateProfile(auth, dto);
  }

  @Patch('profile')
  @ApiOperation({ summary: 'Update some profile fields (read-only fields are ignored)' })
  @ApiOkResponse({ type: UserDetailDto })
  @ApiErrors(400, 401)
  updateProfile(@CurrentAuth() auth: AuthContext, @Body() dto: UpdateProfileDto): Promise<UserDetailDto> {
    return this.accounts.updateProfile(auth, dto);
  }

  @Post('change-password')
  @HttpCode(200)
  @ApiOperation({ summary: "Change the password; the user's other sessions end" })
  @ApiOkResponse({ type: MessageDto })
  @ApiErrors(400, 401)
  async changePassword(@CurrentAuth() auth: AuthContext, @Body() dto: ChangePasswordDto): Promise<MessageDto> {
    await this.accounts.changePassword(auth, dto);
    return { message: 'Password changed successfully.' };
  }
}
