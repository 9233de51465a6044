import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RequirePermission } from '../access/access.decorators';
import { PERMISSION_NAMES, PERMISSIONS } from '../access/permissions';
import { CurrentAuth } from '../auth/auth-context';
import type { AuthContext } from '../auth/auth-context';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { IdPipe } from '../common/http/id.pipe';
import { ListQuery, Page, PageOf, toPage } from '../common/http/pagination';
import { CreateRoleDto, PermissionDto, RoleDto, UpdateRoleDto } from './dto/role.dto';
import { RolesService } from './roles.service';
import { CreatesResource } from '../common/http/location';

@ApiTags('team')
@ApiBearerAuth()
@Controller('roles')
export class RolesController {
  constructor(private readonly roles: RolesService) {}

  @Get()
  @RequirePermission('team.read')
  @ApiOperation({ summary: "The company's custom roles" })
  @ApiOkResponse({ type: PageOf(RoleDto) })
  @ApiErrors(400, 401)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: ListQuery, @Req() req: FastifyRequest): Promise<Page<RoleDto>> {
    const { count, results } = await this.roles.list(auth, query);
    return toPage(req, query, count, results);
  }

  @Get('permissions')
  @RequirePermission('team.read')
  @ApiOperation({ summary: 'The permission catalogue roles are built from' })
  @ApiOkResponse({ type: [PermissionDto] })
  @ApiErrors(401)
  permissions(): PermissionDto[] {
    return PERMISSION_NAMES.map((name) => ({ name, description: PERMISSIONS[name] }));
  }

  @Post()
  @CreatesResource()
  @RequirePermission('team.manage')
  @ApiOperation({ summary: 'Define a custom role' })
  @ApiCreatedResponse({ type: RoleDto })
  @ApiErrors(400, 401)
  create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateRoleDto): Promise<RoleDto> {
    return this.roles.create(auth, dto);
  }

  @Get(':id')
  @RequirePermission('team.read')
  @ApiOperation({ summary: 'One custom role' })
  @ApiOkResponse({ type: RoleDto })
  @ApiErrors(401, 404)
  get(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<RoleDto> {
    return this.roles.get(auth, id);
  }

  @Patch(':id')
  @RequirePermission('team.manage')
  @ApiOperation({ summary: 'Rename a role or change its permissions' })
  @ApiOkResponse({ type: RoleDto })
  @ApiErrors(400, 401, 404)
  update(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number, @Body() dto: UpdateRoleDto): Promise<RoleDto> {
    return this.roles.update(auth, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('team.manage')
  @ApiOperation({ summary: 'Delete a role that is not assigned to anyone' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(401, 404, 409)
  remove(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<void> {
    return this.roles.remove(auth, id);
  }
}
