import type { Test } from 'supertest';
import type TestAgent from 'supertest/lib/agent';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A request by method name, for tests that walk the route table. */
export function call(http: TestAgent, method: string, url: string): Test {
  const m = method.toLowerCase() as HttpMethod;
  if (!['get', 'post', 'put', 'patch', 'delete'].includes(m)) throw new Error(`Unsupported method ${method}`);
  return http[m](url);
}
