import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RequirePermission } from '../access/access.decorators';
import { CurrentAuth } from '../auth/auth-context';
import type { AuthContext } from '../auth/auth-context';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { IdPipe } from '../common/http/id.pipe';
import { Page, PageOf, toPage } from '../common/http/pagination';
import { CreateProductDto, ProductCreatedDto, ProductDto, ProductListQueryDto, UpdateProductDto } from './dto/product.dto';
import { ProductsService } from './products.service';
import { CreatesResource } from '../common/http/location';

/** Documents 002 and 003: the product catalog. */
@ApiTags('products')
@ApiBearerAuth()
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Get()
  @RequirePermission('products.read')
  @ApiOperation({ summary: 'List products' })
  @ApiOkResponse({ type: PageOf(ProductDto) })
  @ApiErrors(400, 401)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: ProductListQueryDto, @Req() req: FastifyRequest): Promise<Page<ProductDto>> {
    const { count, results } = await this.products.list(auth, query);
    return toPage(req, query, count, results);
  }

  @Post()
  @CreatesResource()
  @RequirePermission('products.write')
  @ApiOperation({ summary: 'Create a product (only name is required; sku is generated when omitted)' })
  @ApiCreatedResponse({ type: ProductCreatedDto })
  @ApiErrors(400, 401)
  create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateProductDto): Promise<ProductCreatedDto> {
    return this.products.create(auth, dto);
  }

  @Get(':id')
  @RequirePermission('products.read')
  @ApiOperation({ summary: 'A product' })
  @ApiOkResponse({ type: ProductDto })
  @ApiErrors(401, 404)
  get(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<ProductDto> {
    return this.products.get(auth, id);
  }

  @Patch(':id')
  @RequirePermission('products.write')
  @ApiOperation({ summary: 'Update a product' })
  @ApiOkResponse({ type: ProductDto })
  @ApiErrors(400, 401, 404)
  update(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number, @Body() dto: UpdateProductDto): Promise<ProductDto> {
    return this.products.update(auth, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('products.write')
  @ApiOperation({ summary: 'Delete a product that never had stock (409 otherwise: deactivate it)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(401, 404, 409)
  remove(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<void> {
    return this.products.remove(auth, id);
  }
}
