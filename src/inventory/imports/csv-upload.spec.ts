import { stat, unlink } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { ValidationFailed } from '../../common/errors/app-error';
import { checkColumns, newUploadPath, parseHeader, storeUpload } from './csv-upload';

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

describe('storeUpload', () => {
  it('streams to disk: the sender is never more than a few MiB ahead of the file', async () => {
    const total = 200 * 1024 * 1024;
    const line = 'SKU-0000001,1,42\n';
    const chunk = Buffer.from(line.repeat(Math.floor(65536 / line.length)));
    let produced = 0;
    let maxAhead = 0;
    const path = await newUploadPath();
    const source = new Readable({
      read() {
        if (produced === 0) this.push('sku,warehouse_id,quantity\n');
        if (produced >= total) return this.push(null);
        produced += chunk.length;
        this.push(chunk);
      },
    });
    // Compare what was produced with what is on disk while the upload runs.
    const watcher = setInterval(() => {
      void stat(path).then(
        (s) => (maxAhead = Math.max(maxAhead, produced - s.size)),
        () => undefined,
      );
    }, 2);
    try {
      const stored = await storeUpload(source, 1024 * 1024 * 1024, path);
      expect(stored.columns).toEqual(['sku', 'warehouse_id', 'quantity']);
      expect((await stat(stored.path)).size).toBeGreaterThanOrEqual(total);
      await unlink(stored.path);
    } finally {
      clearInterval(watcher);
    }
    expect(maxAhead).toBeLessThan(16 * 1024 * 1024);
  });
});
