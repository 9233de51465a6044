import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RequirePermission } from '../access/access.decorators';
import { CurrentAuth } from '../auth/auth-context';
import type { AuthContext } from '../auth/auth-context';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { IdPipe } from '../common/http/id.pipe';
import { CreatesResource } from '../common/http/location';
import { Page, PageOf, toPage } from '../common/http/pagination';
import { CreateGatewayDto, CreateTransactionDto, GatewayDto, TransactionDto, TransactionListQueryDto, UpdateGatewayDto } from './dto/payment.dto';
import { PaymentsService } from './payments.service';

/** Document 003's payments and gateways. */
@ApiTags('payments')
@ApiBearerAuth()
@Controller('payments')
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  @Post('transactions')
  @CreatesResource('payments/transactions/{id}/')
  @RequirePermission('payments.write')
  @ApiOperation({ summary: 'Record or process a payment for an order' })
  @ApiCreatedResponse({ type: TransactionDto })
  @ApiErrors(400, 401, 404, 409)
  pay(@CurrentAuth() auth: AuthContext, @Body() dto: CreateTransactionDto): Promise<TransactionDto> {
    return this.payments.pay(auth, dto);
  }

  @Get('transactions')
  @RequirePermission('payments.read')
  @ApiOperation({ summary: 'Payment transactions, newest first' })
  @ApiOkResponse({ type: PageOf(TransactionDto) })
  @ApiErrors(400, 401)
  async transactions(@CurrentAuth() auth: AuthContext, @Query() query: TransactionListQueryDto, @Req() req: FastifyRequest): Promise<Page<TransactionDto>> {
    const { count, results } = await this.payments.listTransactions(auth, query);
    return toPage(req, query, count, results);
  }

  @Get('transactions/:id')
  @RequirePermission('payments.read')
  @ApiOperation({ summary: 'A payment transaction' })
  @ApiOkResponse({ type: TransactionDto })
  @ApiErrors(401, 404)
  transaction(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<TransactionDto> {
    return this.payments.getTransaction(auth, id);
  }

  @Get('gateways')
  @RequirePermission('payments.read')
  @ApiOperation({ summary: 'Configured payment gateways (secrets masked); manual payments need none' })
  @ApiOkResponse({ type: [GatewayDto] })
  @ApiErrors(401)
  gateways(@CurrentAuth() auth: AuthContext): Promise<GatewayDto[]> {
    return this.payments.listGateways(auth);
  }

  @Get('gateways/:id')
  @RequirePermission('payments.read')
  @ApiOperation({ summary: 'A configured payment gateway (secrets masked)' })
  @ApiOkResponse({ type: GatewayDto })
  @ApiErrors(401, 404)
  gateway(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<GatewayDto> {
    return this.payments.getGateway(auth, id);
  }

  @Post('gateways')
  @CreatesResource('payments/gateways/{id}/')
  @RequirePermission('payments.write')
  @ApiOperation({ summary: 'Configure a gateway; secrets are encrypted and never shown again' })
  @ApiCreatedResponse({ type: GatewayDto })
  @ApiErrors(400, 401)
  createGateway(@CurrentAuth() auth: AuthContext, @Body() dto: CreateGatewayDto): Promise<GatewayDto> {
    return this.payments.createGateway(auth, dto);
  }

  @Patch('gateways/:id')
  @RequirePermission('payments.write')
  @ApiOperation({ summary: 'Rename, re-key or deactivate a gateway' })
  @ApiOkResponse({ type: GatewayDto })
  @ApiErrors(400, 401, 404)
  updateGateway(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number, @Body() dto: UpdateGatewayDto): Promise<GatewayDto> {
    return this.payments.updateGateway(auth, id, dto);
  }

  @Delete('gateways/:id')
  @HttpCode(204)
  @RequirePermission('payments.write')
  @ApiOperation({ summary: 'Delete a gateway without transactions (409 otherwise)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(401, 404, 409)
  removeGateway(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<void> {
    return this.payments.removeGateway(auth, id);
  }
}
