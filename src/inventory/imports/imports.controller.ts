import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { finished } from 'node:stream/promises';
import { RequirePermission } from '../../access/access.decorators';
import { CurrentAuth } from '../../auth/auth-context';
import type { AuthContext } from '../../auth/auth-context';
import { ValidationFailed } from '../../common/errors/app-error';
import { AppConfig } from '../../config/app-config';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { IdPipe } from '../../common/http/id.pipe';
import { ImportJobDto, ImportQueryDto, ImportUploadDto } from './import.dto';
import { ImportsService } from './imports.service';
import { CreatesResource } from '../../common/http/location';

/** Document 003's file uploads: CSV import (COPY speed) and export. */
@ApiTags('inventory')
@ApiBearerAuth()
@Controller('inventory')
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly config: AppConfig,
  ) {}

  @Post('bulk-import')
  @CreatesResource('inventory/imports/{id}/')
  @HttpCode(202)
  // Users who may write stock in some warehouses import rows for those (rows for others are refused by line).
  @RequirePermission('inventory.write', 'warehouse')
  @ApiOperation({ summary: 'Import stock levels from a CSV file (multipart, field "file"); answers a job to follow' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportUploadDto })
  @ApiAcceptedResponse({ type: ImportJobDto })
  @ApiErrors(400, 401, 413)
  async upload(@CurrentAuth() auth: AuthContext, @Query() query: ImportQueryDto, @Req() req: FastifyRequest): Promise<ImportJobDto> {
    if (!req.isMultipart()) throw ValidationFailed.field('file', 'Send the CSV as multipart/form-data in a field named "file".');
    const maxBytes = this.config.importMaxBytes;
    const part = await req.file({ limits: { fileSize: maxBytes, files: 1 }, throwFileSizeLimit: false });
    if (!part || part.fieldname !== 'file') throw ValidationFailed.field('file', 'Send the CSV as multipart/form-data in a field named "file".');
    const job = await this.imports.start(auth, { stream: part.file, filename: part.filename, maxBytes }, query.mode ?? 'skip_invalid');
    return job;
  }

  @Get('imports/:id')
  @RequirePermission('inventory.read')
  @ApiOperation({ summary: "An import's progress and its row errors" })
  @ApiOkResponse({ type: ImportJobDto })
  @ApiErrors(401, 404)
  get(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<ImportJobDto> {
    return this.imports.get(auth, id);
  }

  @Get('export')
  @RequirePermission('inventory.read')
  @ApiOperation({ summary: "The company's stock as CSV, in the import's columns (streamed)" })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'CSV: sku, warehouse_code, warehouse_id, location_code, quantity, min_stock_level, max_stock_level, name, price, category',
    schema: { type: 'string' },
  })
  @ApiErrors(401)
  async export(@CurrentAuth() auth: AuthContext, @Res() reply: FastifyReply): Promise<void> {
    const stream = this.imports.exportStream(auth);
    reply.header('Content-Type', 'text/csv; charset=utf-8').header('Content-Disposition', 'attachment; filename="inventory.csv"');
    // Keep the request's transaction open until the last row is out.
    const done = finished(stream);
    void reply.send(stream);
    await done;
  }
}
