import type { AppConfig } from '../../config/app-config';
import { maskSecret, SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox({ encryptionKey: Buffer.alloc(32, 9) } as AppConfig);

  it('seals so that only the key opens, and never the same twice', () => {
    const a = box.seal('sk_live_abc123def4242');
    expect(a).toMatch(/^v1:/);
    expect(a).not.toContain('abc123');
    expect(box.seal('sk_live_abc123def4242')).not.toBe(a);
    expect(box.open(a)).toBe('sk_live_abc123def4242');
    expect(() => new SecretBox({ encryptionKey: Buffer.alloc(32, 8) } as AppConfig).open(a)).toThrow();
  });

  it('masks a long secret to the kind and the last four characters', () => {
    expect(maskSecret('sk_live_51Habcdefgh4242')).toBe('sk_live_...4242');
    expect(maskSecret('whsec_abcdef9876')).toBe('whsec_...9876');
    expect(maskSecret('plainsecret12345')).toBe('...2345');
  });

  it('shows of a short secret only that it is set', () => {
    for (const short of ['abcd', 'whsec_9', 'plainsecret1234']) expect(maskSecret(short)).toBe('********');
  });
});
