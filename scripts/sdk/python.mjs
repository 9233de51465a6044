import { snakeCase } from './operations.mjs';

// The Python SDK's generated client: one snake_case method per operation with typed keyword
// parameters and docstrings from the document, plus `iterate_*` generators over lists.

const KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' ',
  ),
);
/** Names the generated methods use themselves. */
const RESERVED = new Set(['self', 'body', 'headers', 'idempotency_key', 'file', 'filename']);

const pythonName = (name) => (KEYWORDS.has(name) || RESERVED.has(name) ? `${name}_` : name);
const pathName = (name) => pythonName(snakeCase(name));

function pythonType(schema) {
  if (!schema) return 'Any';
  if (schema.enum) return 'str';
  switch (schema.type) {
    case 'integer':
      return 'int';
    case 'number':
      return 'float';
    case 'boolean':
      return 'bool';
    case 'string':
      return 'str';
    case 'array':
      return `List[${schema.items?.type && schema.items.type !== 'object' ? pythonType(schema.items) : 'Any'}]`;
    default:
      return 'Dict[str, Any]';
  }
}

function describe(parameter) {
  const parts = [];
  if (parameter.description) parts.push(parameter.description.replace(/\s+/g, ' ').trim());
  if (parameter.schema?.enum) parts.push(`One of: ${parameter.schema.enum.join(', ')}.`);
  return parts.join(' ') || '';
}

function docstring(operation, params) {
  const lines = [operation.summary || operation.name, ''];
  if (operation.description) lines.push(...operation.description.split('\n'), '');
  lines.push(`\`\`${operation.method.toUpperCase()} ${operation.path}\`\`${operation.permission ? ` (permission \`\`${operation.permission}\`\`)` : ''}`);
  const documented = params.filter((p) => p.text);
  if (documented.length > 0) lines.push('', ...documented.map((p) => `:param ${p.name}: ${p.text}`));
  const escaped = lines.map((line) => line.replaceAll('\\', '\\\\').replaceAll('"""', '\\"\\"\\"'));
  return [`        """${escaped[0]}`, ...escaped.slice(1).map((line) => (line ? `        ${line}` : '')), '        """'].join('\n');
}

function answerType(operation) {
  if (!operation.answerType) return 'None';
  if (operation.answerType !== 'application/json') return 'str';
  return operation.answerSchema?.type === 'array' ? 'List[Any]' : 'Dict[str, Any]';
}

function method(operation) {
  const args = ['self'];
  const docs = [];
  for (const p of operation.pathParams) {
    args.push(`${pathName(p.name)}: ${['integer', 'number'].includes(p.schema?.type) ? 'int' : 'str'}`);
  }
  const bodyFields = [];
  const multipart = operation.body?.type === 'multipart/form-data';
  if (multipart) {
    args.push('file: Union[bytes, str, BinaryIO]');
    docs.push({ name: 'file', text: 'The file to upload: bytes, text, or a binary file object.' });
  } else if (operation.body) {
    args.push('body: Optional[Dict[str, Any]] = None');
    docs.push({ name: 'body', text: 'The request body as a dict; keyword arguments are merged into it (use it to send null).' });
  }
  args.push('*');
  if (multipart) args.push("filename: str = 'upload.csv'");
  const query = [];
  for (const p of operation.queryParams) {
    const name = pythonName(p.name);
    query.push([p.name, name]);
    args.push(p.required ? `${name}: ${pythonType(p.schema)}` : `${name}: Optional[${pythonType(p.schema)}] = None`);
    docs.push({ name, text: describe(p) });
  }
  if (operation.body && !multipart) {
    const schema = operation.body.schema ?? {};
    for (const [field, property] of Object.entries(schema.properties ?? {})) {
      if (query.some(([wire]) => wire === field)) continue;
      const name = pythonName(field);
      bodyFields.push([field, name]);
      args.push(`${name}: Optional[${pythonType(property)}] = None`);
      docs.push({ name, text: [describe(property), (schema.required ?? []).includes(field) ? '(required)' : ''].filter(Boolean).join(' ') });
    }
  }
  if (operation.method === 'post') args.push('idempotency_key: Optional[str] = None');
  args.push('headers: Optional[Dict[str, str]] = None');

  const call = [`'${operation.method}'`, `'${operation.path}'`];
  if (operation.pathParams.length > 0) call.push(`path={${operation.pathParams.map((p) => `'${p.name}': ${pathName(p.name)}`).join(', ')}}`);
  if (query.length > 0) call.push(`query={${query.map(([wire, name]) => `'${wire}': ${name}`).join(', ')}}`);
  if (multipart) call.push('files={"file": (filename, file)}');
  else if (operation.body) call.push(`body=body, fields={${bodyFields.map(([wire, name]) => `'${wire}': ${name}`).join(', ')}}`);
  if (operation.answerType && operation.answerType !== 'application/json') call.push('text=True');
  if (operation.method === 'post') call.push('idempotency_key=idempotency_key');
  call.push('headers=headers');
  return [
    `    def ${operation.pythonName}(${args.join(', ')}) -> ${answerType(operation)}:`,
    docstring(operation, docs),
    `        return self._call(${call.join(', ')})`,
  ].join('\n');
}

function iterator(operation) {
  const base = operation.pythonName.replace(/^get_/, '');
  const pathArgs = operation.pathParams.map((p) => pathName(p.name));
  const params = [...pathArgs.map((name) => `${name}: Any`), '**query: Any'];
  return [
    `    def iterate_${base}(self, ${params.join(', ')}) -> Iterator[Dict[str, Any]]:`,
    `        """Every item of :meth:\`${operation.pythonName}\`, page after page (same keyword filters)."""`,
    `        return self._iterate(lambda page_query: self.${operation.pythonName}(${[...pathArgs, '**page_query'].join(', ')}), query)`,
  ].join('\n');
}

export function pythonClient(operations, version) {
  const lists = operations.filter((o) => o.pageItem && o.queryParams.length > 0);
  return [
    '# Generated by `npm run sdk` from openapi.json. Do not edit: change the API, then regenerate.',
    '# flake8: noqa',
    'from typing import Any, BinaryIO, Dict, Iterator, List, Optional, Union',
    '',
    'from ._runtime import StockroomClient',
    '',
    `API_VERSION = '${version}'`,
    '',
    '',
    'class InventoryClient(StockroomClient):',
    '    """The Stockroom inventory API: one method per operation of its OpenAPI document."""',
    '',
    [...operations.map(method), ...lists.map(iterator)].join('\n\n'),
    '',
  ].join('\n');
}
