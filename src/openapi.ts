import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { buildOpenApi, configureRoutes, createAdapter } from './app.setup';

const BODY_METHODS = new Set(['post', 'put', 'patch']);

/** Every operation must document a success body (or 204) and a request body where it takes one. */
function problems(document: OpenAPIObject): string[] {
  const found: string[] = [];
  const ids = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(
      item as Record<string, { operationId?: string; requestBody?: unknown; 'x-no-body'?: boolean; responses?: Record<string, { content?: unknown }> }>,
    )) {
      const name = `${method.toUpperCase()} ${path}`;
      if (op.operationId) {
        if (ids.has(op.operationId)) found.push(`${name}: duplicate operationId ${op.operationId}`);
        ids.add(op.operationId);
      }
      const success = Object.entries(op.responses ?? {}).filter(([status]) => status.startsWith('2'));
      if (success.length === 0) found.push(`${name}: no success response`);
      for (const [status, response] of success) {
        if (status !== '204' && !response.content) found.push(`${name}: ${status} has no body schema`);
      }
      if (BODY_METHODS.has(method) && !op.requestBody && !op['x-no-body']) found.push(`${name}: no request body (or @NoBody())`);
    }
  }
  return found;
}

/** Writes openapi.json from the controllers and DTOs alone (no database, nothing listens). */
async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(), createAdapter(), {
    preview: true,
    logger: false,
  });
  configureRoutes(app);
  const document = buildOpenApi(app);
  const found = problems(document);
  if (found.length > 0) throw new Error(`openapi.json would be incomplete:\n  ${found.join('\n  ')}`);
  const target = resolve(process.argv[2] ?? 'openapi.json');
  writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`Wrote ${target} (${Object.keys(document.paths).length} paths)`);
  await app.close();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
