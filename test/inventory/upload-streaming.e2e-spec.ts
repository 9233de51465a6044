import { stat, unlink } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { newUploadPath, storeUpload } from '../../src/inventory/imports/csv-upload';

/** 200 MiB through the upload path: heavy for the unit tier, so it runs with the e2e suites. */
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
