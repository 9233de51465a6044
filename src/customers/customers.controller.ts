import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RequirePermission } from '../access/access.decorators';
import { CurrentAuth } from '../auth/auth-context';
import type { AuthContext } from '../auth/auth-context';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { IdPipe } from '../common/http/id.pipe';
import { Page, PageOf, toPage } from '../common/http/pagination';
import { CustomersService } from './customers.service';
import { CreateCustomerDto, CustomerDto, CustomerListQueryDto, UpdateCustomerDto } from './dto/customer.dto';
import { CreatesResource } from '../common/http/location';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Get()
  @RequirePermission('orders.read')
  @ApiOperation({ summary: 'Customers' })
  @ApiOkResponse({ type: PageOf(CustomerDto) })
  @ApiErrors(400, 401)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: CustomerListQueryDto, @Req() req: FastifyRequest): Promise<Page<CustomerDto>> {
    const { count, results } = await this.customers.list(auth, query);
    return toPage(req, query, count, results);
  }

  @Post()
  @CreatesResource()
  @RequirePermission('orders.write')
  @ApiOperation({ summary: 'Add a customer' })
  @ApiCreatedResponse({ type: CustomerDto })
  @ApiErrors(400, 401)
  create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateCustomerDto): Promise<CustomerDto> {
    return this.customers.create(auth, dto);
  }

  @Get(':id')
  @RequirePermission('orders.read')
  @ApiOperation({ summary: 'A customer' })
  @ApiOkResponse({ type: CustomerDto })
  @ApiErrors(401, 404)
  get(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<CustomerDto> {
    return this.customers.get(auth, id);
  }

  @Patch(':id')
  @RequirePermission('orders.write')
  @ApiOperation({ summary: 'Update a customer' })
  @ApiOkResponse({ type: CustomerDto })
  @ApiErrors(400, 401, 404)
  update(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number, @Body() dto: UpdateCustomerDto): Promise<CustomerDto> {
    return this.customers.update(auth, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('orders.write')
  @ApiOperation({ summary: 'Delete a customer without orders (409 otherwise)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(401, 404, 409)
  remove(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<void> {
    return this.customers.remove(auth, id);
  }
}
