import type { OpenAPIObject } from '@nestjs/swagger';

/** The query parameters every list shares, by the name they get under components.parameters. */
const SHARED_QUERY_PARAMETERS: Record<string, string> = { page: 'Page', page_size: 'PageSize', ordering: 'Ordering', cursor: 'Cursor' };

type Parameter = { name: string; in: 'query' | 'header' | 'path' | 'cookie'; schema?: { type?: string } };
type Schema = { properties?: Record<string, unknown>; required?: string[] };

/**
 * Lists are described once: `page`, `page_size`, `ordering` and `cursor` are components.parameters
 * every list refers to, and each `<Item>Page` is the shared `Page` envelope (count, next, previous)
 * plus its own `results`, so an SDK generator sees one pagination shape it can iterate.
 */
export function describePagesOnce(document: OpenAPIObject): void {
  const parameters: Record<string, Parameter> = {};
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations as Record<string, { parameters?: Array<Parameter | { $ref: string }> }>)) {
      operation.parameters = operation.parameters?.map((parameter) => {
        const name = 'name' in parameter && parameter.in === 'query' ? SHARED_QUERY_PARAMETERS[parameter.name] : undefined;
        if (!name || !('name' in parameter)) return parameter;
        // Page numbers are integers; the DTO's number type only says how the query string is parsed.
        const shared = { ...parameter, schema: { ...parameter.schema, type: parameter.name.startsWith('page') ? 'integer' : parameter.schema?.type } };
        if (parameters[name] && JSON.stringify(parameters[name]) !== JSON.stringify(shared)) {
          throw new Error(`${method.toUpperCase()} ${path} describes the shared query parameter "${parameter.name}" differently`);
        }
        parameters[name] = shared;
        return { $ref: `#/components/parameters/${name}` };
      });
    }
  }
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const pages = Object.keys(schemas).filter((name) => name.endsWith('Page') && schemas[name].properties?.results);
  if (pages.length > 0) {
    const { results: _results, ...envelope } = schemas[pages[0]].properties!;
    schemas.Page = {
      type: 'object',
      description: 'One page of a list: `next` and `previous` are the absolute URLs of the neighbouring pages (null at either end).',
      properties: envelope,
      required: ['count', 'next', 'previous'],
    } as Schema;
    for (const name of pages) {
      schemas[name] = {
        allOf: [{ $ref: '#/components/schemas/Page' }, { type: 'object', properties: { results: schemas[name].properties!.results }, required: ['results'] }],
      } as Schema;
    }
  }
  document.components = { ...document.components, parameters: { ...document.components?.parameters, ...parameters } };
}
