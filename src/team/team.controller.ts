import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RequirePermission } from '../access/access.decorators';
import { CurrentAuth } from '../auth/auth-context';
import type { AuthContext } from '../auth/auth-context';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { IdPipe } from '../common/http/id.pipe';
import { Page, PageOf, toPage } from '../common/http/pagination';
import { TeamMemberDto } from './dto/team-member.dto';
import { CreateMemberDto, ReplaceRolesDto, TeamListQueryDto, UpdateMemberDto } from './dto/team-input.dto';
import { TeamService } from './team.service';
import { CreatesResource } from '../common/http/location';

/** The company's team: members, their warehouse roles, invitations and removal. */
@ApiTags('team')
@ApiBearerAuth()
@Controller('accounts/team')
export class TeamController {
  constructor(private readonly team: TeamService) {}

  @Get()
  @RequirePermission('team.read')
  @ApiOperation({ summary: "The company's team members, with their warehouse roles" })
  @ApiOkResponse({ type: PageOf(TeamMemberDto) })
  @ApiErrors(400, 401)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: TeamListQueryDto, @Req() req: FastifyRequest): Promise<Page<TeamMemberDto>> {
    const { count, results } = await this.team.list(auth, query);
    return toPage(req, query, count, results);
  }

  @Post()
  @CreatesResource()
  @RequirePermission('team.manage')
  @ApiOperation({ summary: 'Add a user to the company' })
  @ApiCreatedResponse({ type: TeamMemberDto })
  @ApiErrors(400, 401)
  create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateMemberDto): Promise<TeamMemberDto> {
    return this.team.create(auth, dto);
  }

  @Get(':id')
  @RequirePermission('team.read')
  @ApiOperation({ summary: 'One team member' })
  @ApiOkResponse({ type: TeamMemberDto })
  @ApiErrors(401, 404)
  get(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<TeamMemberDto> {
    return this.team.get(auth, id);
  }

  @Patch(':id')
  @RequirePermission('team.manage')
  @ApiOperation({ summary: "Change a member's profile, company role or active flag" })
  @ApiOkResponse({ type: TeamMemberDto })
  @ApiErrors(400, 401, 404, 409)
  update(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number, @Body() dto: UpdateMemberDto): Promise<TeamMemberDto> {
    return this.team.update(auth, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('team.manage')
  @ApiOperation({ summary: 'Deactivate a member (the last active admin cannot be removed)' })
  @ApiNoContentResponse({ description: 'Deactivated; their sessions end' })
  @ApiErrors(401, 404, 409)
  remove(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<void> {
    return this.team.deactivate(auth, id);
  }

  @Put(':id/roles')
  @RequirePermission('team.manage')
  @ApiOperation({ summary: "Replace a member's warehouse assignments (exactly one primary)" })
  @ApiOkResponse({ type: TeamMemberDto })
  @ApiErrors(400, 401, 404)
  replaceRoles(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number, @Body() dto: ReplaceRolesDto): Promise<TeamMemberDto> {
    return this.team.replaceRoles(auth, id, dto);
  }
}
