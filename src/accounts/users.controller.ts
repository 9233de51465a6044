import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, RequirePermission } from '../access/access.decorators';
import { CurrentAuth } from '../auth/auth-context';
import type { AuthContext } from '../auth/auth-context';
import { MessageDto } from '../auth/dto/auth-responses.dto';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { IdPipe } from '../common/http/id.pipe';
import { UpdateUserDto, UserBriefDto } from './dto/user-by-id.dto';
import { UsersService } from './users.service';

/** Document 002's user management. */
@ApiTags('accounts')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get(':id')
  @RequirePermission('team.read')
  @ApiOperation({ summary: 'A user of your company' })
  @ApiOkResponse({ type: UserBriefDto })
  @ApiErrors(401, 404)
  get(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<UserBriefDto> {
    return this.users.get(auth, id);
  }

  @Put(':id')
  @Authenticated()
  @ApiOperation({ summary: "Change a username or email: your own, or anyone's in your company as a team manager" })
  @ApiOkResponse({ type: MessageDto })
  @ApiErrors(400, 401, 403, 404)
  async update(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number, @Body() dto: UpdateUserDto): Promise<MessageDto> {
    await this.users.update(auth, id, dto);
    return { message: 'User updated successfully.' };
  }
}
