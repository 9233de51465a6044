import { QueryFailedError } from 'typeorm';
import { loggableError } from './error-response';

describe('loggableError', () => {
  it("keeps a failed statement's code, place and SQL, never its parameters or the failing row", () => {
    const hash = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA';
    const driverError = Object.assign(new Error('null value in column "email" of relation "users" violates not-null constraint'), {
      code: '23502',
      table: 'users',
      column: 'email',
      detail: `Failing row contains (7, 3, owner, null, ${hash}).`,
    });
    const err = new QueryFailedError('insert into users (username, email, password_hash) values ($1, $2, $3)', ['owner', null, hash], driverError);
    const logged = loggableError(err);
    expect(JSON.stringify(logged)).not.toContain(hash);
    expect(logged).toMatchObject({ code: '23502', table: 'users', column: 'email', query: expect.stringContaining('insert into users') });
  });

  it('passes other errors through', () => {
    const err = new Error('boom');
    expect(loggableError(err)).toBe(err);
  });
});
