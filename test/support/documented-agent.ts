import { appendFileSync } from 'node:fs';
import type { Response, Test } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { responseMismatch } from './openapi-responses';

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

export class UndocumentedResponse extends Error {}

/**
 * supertest, with every response checked against openapi.json when the test awaits it: a
 * response the document does not describe fails the test that received it.
 * (STOCKROOM_OPENAPI_MISMATCHES=file collects them all in a file instead, to see them at once.)
 */
export function documentedAgent(agent: TestAgent): TestAgent {
  return new Proxy(agent, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || !(METHODS as readonly string[]).includes(property) || typeof value !== 'function') return value;
      return (url: string, ...rest: unknown[]) => checked((value as (...args: unknown[]) => Test).call(target, url, ...rest), property, url);
    },
  });
}

function checked(test: Test, method: string, url: string): Test {
  const then = test.then.bind(test);
  test.then = ((onFulfilled?: (res: Response) => unknown, onRejected?: (err: unknown) => unknown) =>
    then((res: Response) => {
      const mismatch = responseMismatch(method, url, res);
      if (mismatch) {
        const file = process.env.STOCKROOM_OPENAPI_MISMATCHES;
        if (!file) throw new UndocumentedResponse(`The response does not match openapi.json: ${mismatch}`);
        appendFileSync(file, `${mismatch}\n`);
      }
      return res;
    }).then(onFulfilled, onRejected)) as Test['then'];
  return test;
}
