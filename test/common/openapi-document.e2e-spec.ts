import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Operation = { summary?: string; description?: string; tags?: string[]; requestBody?: { content: Record<string, { example?: unknown }> } };
const document = JSON.parse(readFileSync(join(__dirname, '../../openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  tags?: Array<{ name: string; description: string }>;
};
const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));

/** The committed OpenAPI document (CI checks it is what the code generates) speaks to its readers. */
describe('the OpenAPI document', () => {
  it('describes operations in words, not by the client documents they came from', () => {
    const citing = operations.filter(({ op }) => /\((?:00[0-4](?:, )?)+\)|document 00[0-4]|§/.test(`${op.summary ?? ''} ${op.description ?? ''}`));
    expect(citing.map(({ method, path }) => `${method} ${path}`)).toEqual([]);
  });

  it('gives every JSON request body an example', () => {
    const without = operations.filter(
      ({ op }) => op.requestBody?.content['application/json'] && op.requestBody.content['application/json'].example === undefined,
    );
    expect(without.map(({ method, path }) => `${method} ${path}`)).toEqual([]);
  });

  it('groups the aliases for older clients under Compatibility, each naming the route to use instead', () => {
    const compat = operations.filter(({ op }) => op.tags?.includes('Compatibility'));
    const paths = new Set(compat.map(({ path }) => path));
    for (const alias of ['/api/v1/warehouses', '/api/v1/stocks', '/api/v1/auth/login', '/api/v1/token', '/api/v1/auth/user']) expect(paths).toContain(alias);
    for (const { op } of compat) expect(op.description).toMatch(/new integrations use /);
    expect(paths).not.toContain('/api/v1/masterdata/warehouses');
    expect(paths).not.toContain('/api/v1/accounts/auth/login');
    expect(document.tags?.find((t) => t.name === 'Compatibility')?.description).toMatch(/New integrations/);
  });
});
