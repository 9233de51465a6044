import type { QueryRunner } from 'typeorm';
import { MaskShortSecrets1764176400000 } from '../../migrations/1764176400000-mask-short-secrets';
import type { Tenant } from '../support/factories';
import { registerCompany } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

/** A mask shows the last four characters of a long secret only; of a short one, only that it is set. */
describe('secret masks', () => {
  let t: TestApp;
  let a: Tenant;
  beforeAll(async () => {
    t = await startTestApp();
    a = await registerCompany(t.http);
  });
  afterAll(() => t.close());

  const create = (api_key: string, webhook_secret: string) =>
    t.http.post('/api/v1/payments/gateways/').set(a.auth).send({ name: 'Stripe', gateway_type: 'stripe', api_key, webhook_secret });

  it('answers short secrets as set, long ones by kind and last four', async () => {
    const short = await create('abcd', 'whsec_9');
    expect(short.status).toBe(201);
    expect(short.body).toMatchObject({ api_key: '********', webhook_secret: '********' });
    const long = await create('sk_live_51Habcdefgh4242', 'whsec_abcdefghij9876');
    expect(long.body).toMatchObject({ api_key: 'sk_live_...4242', webhook_secret: 'whsec_...9876' });
    const listed = await t.http.get('/api/v1/payments/gateways/').set(a.auth);
    expect(JSON.stringify(listed.body)).not.toContain('abcd');
    expect(JSON.stringify(listed.body)).not.toContain('whsec_9');
  });

  it('re-masks short secrets stored under the old rule, without the key', async () => {
    const short = await create('efgh', 'whsec_8');
    const long = await create('sk_test_0123456789wxyz', 'whsec_0123456789abcd');
    // As the old rule stored them.
    await t.sql.query(`update payment_gateways set api_key_masked = '...efgh', webhook_secret_masked = 'whsec_...ec_8' where id = $1`, [short.body.id]);
    await new MaskShortSecrets1764176400000().up({ query: (sql: string) => t.sql.query(sql) } as unknown as QueryRunner);
    const { rows } = await t.sql.query('select id, api_key_masked, webhook_secret_masked from payment_gateways where id = any($1) order by id', [
      [short.body.id, long.body.id],
    ]);
    expect(rows).toEqual([
      { id: short.body.id, api_key_masked: '********', webhook_secret_masked: '********' },
      { id: long.body.id, api_key_masked: 'sk_test_...wxyz', webhook_secret_masked: 'whsec_...abcd' },
    ]);
  });
});
