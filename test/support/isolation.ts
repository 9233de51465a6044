import type TestAgent from 'supertest/lib/agent';
import type { Tenant } from './factories';
import type { HttpMethod } from './http';
import { call } from './http';

/** A request another company makes with this company's ids: method, URL, and a body for writes. */
export type ForeignRoute = [method: HttpMethod, url: string, body?: object];

/**
 * Company isolation, as every module tests it: each route, called by `stranger` with ids of
 * another company's objects, answers 404 with the error envelope (never 403, never a hint).
 * Calls run one after another, so a failure names its route. What the database still holds
 * afterwards is for the caller to check.
 */
export async function expectForeignIdsNotFound(http: TestAgent, stranger: Tenant, routes: ForeignRoute[]): Promise<void> {
  for (const [method, url, body] of routes) {
    let req = call(http, method, url).set(stranger.auth);
    if (body !== undefined) req = req.send(body);
    const res = await req;
    expect({ route: `${method.toUpperCase()} ${url}`, status: res.status, code: (res.body as { error?: { code?: string } }).error?.code }).toEqual({
      route: `${method.toUpperCase()} ${url}`,
      status: 404,
      code: 'NOT_FOUND',
    });
  }
}
