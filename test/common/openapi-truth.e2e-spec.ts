import { operationFor, responseMismatch } from '../support/openapi-responses';

/** The check every e2e response goes through (documented-agent.ts) catches what a partner's SDK would trip on. */
describe('the response check against openapi.json', () => {
  const json = { 'content-type': 'application/json; charset=utf-8' };
  const item = {
    id: 1,
    product: { id: 2, name: 'Widget', sku: 'W-1', price: 9.5, category: '' },
    warehouse: { id: 3, name: 'Main', code: 'MAIN', location: '' },
    location: null,
    quantity: 5,
    reserved_quantity: 0,
    available_quantity: 5,
    min_stock_level: 0,
    max_stock_level: null,
    stock_status: 'normal',
    last_updated: '2026-12-02T10:00:00.000Z',
    created_at: '2026-12-02T10:00:00.000Z',
  };
  const res = (status: number, body: unknown) => ({ status, body, headers: json, text: JSON.stringify(body) });

  it('finds operations under /api/v1 and /api, with or without the trailing slash', () => {
    expect(operationFor('GET', '/api/v1/inventory/items/7/')?.template).toBe('/api/v1/inventory/items/{id}');
    expect(operationFor('get', '/api/inventory/items/7?x=1')?.template).toBe('/api/v1/inventory/items/{id}');
    expect(operationFor('GET', '/api/v1/nowhere/')).toBeUndefined();
  });

  it('accepts a documented body, null where the document says nullable', () => {
    const mismatch = responseMismatch('GET', '/api/v1/inventory/items/1/', res(200, item));
    expect(mismatch).toBeNull();
  });

  it('refuses a body that breaks its schema: a wrong type, a value outside the enum, a missing field', () => {
    expect(responseMismatch('GET', '/api/v1/inventory/items/1/', res(200, { ...item, quantity: '5' }))).toMatch(/\/quantity must be integer/);
    expect(responseMismatch('GET', '/api/v1/inventory/items/1/', res(200, { ...item, stock_status: 'plenty' }))).toMatch(
      /\/stock_status must be equal to one of/,
    );
    const { product: _product, ...noProduct } = item;
    expect(responseMismatch('GET', '/api/v1/inventory/items/1/', res(200, noProduct))).toMatch(/must have required property 'product'/);
  });

  it('refuses a status the operation does not document', () => {
    expect(responseMismatch('GET', '/api/v1/inventory/items/1/', res(418, { error: {} }))).toMatch(/status not documented/);
  });

  it('checks error bodies against the envelope', () => {
    const envelope = { error: { code: 'NOT_FOUND', status: 404, message: 'Not found.', request_id: 'r1' } };
    expect(responseMismatch('GET', '/api/v1/inventory/items/1/', res(404, envelope))).toBeNull();
    expect(responseMismatch('GET', '/api/v1/inventory/items/1/', res(404, { detail: 'Not found.' }))).toMatch(/must have required property 'error'/);
  });
});
