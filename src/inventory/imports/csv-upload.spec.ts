import { ValidationFailed } from '../../common/errors/app-error';
import { checkColumns, parseHeader } from './csv-upload';

describe('CSV header', () => {
  it('reads quoted, padded and BOM-prefixed names', () => {
    expect(parseHeader('\uFEFF"SKU", Warehouse_Code ,"quantity"')).toEqual(['sku', 'warehouse_code', 'quantity']);
  });

  it('requires sku, quantity and a warehouse, and knows every column', () => {
    expect(checkColumns(['sku', 'warehouse_id', 'quantity'])).toEqual(['sku', 'warehouse_id', 'quantity']);
    expect(() => checkColumns(['sku', 'quantity'])).toThrow(ValidationFailed);
    expect(() => checkColumns(['sku', 'warehouse_id', 'quantity', 'colour'])).toThrow(/Unknown column/);
    expect(() => checkColumns(['sku', 'sku', 'warehouse_id', 'quantity'])).toThrow(/twice/);
  });
});
