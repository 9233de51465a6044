// The operations of openapi.json as both SDK generators need them: names, parameters, bodies,
// what a success answers, and which operations are lists that can be iterated.

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function snakeCase(name) {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

function resolve(document, node) {
  let current = node;
  while (current && current.$ref)
    current = current.$ref
      .split('/')
      .slice(1)
      .reduce((at, key) => at[key], document);
  return current;
}

/** The item schema name of a list answer (`OrderPage` → `OrderDto`), or undefined when the answer is not a page. */
function pageItem(document, schema) {
  const name = schema?.$ref?.split('/').pop();
  const page = name && document.components.schemas[name];
  const parts = page?.allOf;
  if (!parts || parts[0]?.$ref !== '#/components/schemas/Page') return undefined;
  return parts[1].properties.results.items;
}

export function operationsOf(document) {
  const operations = [];
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/')) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = (operation.parameters ?? []).map((p) => resolve(document, p));
      const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map(
        ([, name]) => parameters.find((p) => p.in === 'path' && p.name === name) ?? { name, schema: { type: 'string' } },
      );
      const queryParams = parameters.filter((p) => p.in === 'query');
      const content = operation.requestBody?.content ?? {};
      const bodyType = Object.keys(content)[0];
      const body = bodyType ? { type: bodyType, required: !!operation.requestBody.required, schema: resolve(document, content[bodyType].schema) } : undefined;
      const [status, success] = Object.entries(operation.responses).find(([code]) => code.startsWith('2')) ?? ['204', {}];
      const answerType = Object.keys(success.content ?? {})[0];
      const answerSchema = answerType ? success.content[answerType].schema : undefined;
      operations.push({
        name: operation.operationId,
        pythonName: snakeCase(operation.operationId),
        method,
        path,
        summary: operation.summary ?? '',
        description: operation.description ?? '',
        permission: operation['x-permission'],
        deprecated: !!operation.deprecated,
        pathParams,
        queryParams,
        body,
        status: Number(status),
        answerType,
        answerSchema,
        pageItem: pageItem(document, answerSchema),
      });
    }
  }
  return operations.sort((a, b) => a.name.localeCompare(b.name));
}
