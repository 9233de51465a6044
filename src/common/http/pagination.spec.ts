import { ValidationFailed } from '../errors/app-error';
import { parseOrdering } from './pagination';

const allowed = { name: 'w.name', created_at: 'w.created_at' };

describe('parseOrdering', () => {
  it('falls back to the default ordering', () => {
    expect(parseOrdering(undefined, allowed, 'name')).toEqual([['w.name', 'ASC']]);
    expect(parseOrdering(' ', allowed, '-created_at')).toEqual([['w.created_at', 'DESC']]);
  });

  it('reads several comma-separated fields with - for descending', () => {
    expect(parseOrdering('-created_at, name', allowed, 'name')).toEqual([
      ['w.created_at', 'DESC'],
      ['w.name', 'ASC'],
    ]);
  });

  it('refuses fields outside the whitelist, so no SQL can be injected', () => {
    expect(() => parseOrdering('name;drop table x', allowed, 'name')).toThrow(ValidationFailed);
    try {
      parseOrdering('password', allowed, 'name');
      throw new Error('accepted');
    } catch (err) {
      expect((err as ValidationFailed).fields).toEqual({ ordering: ['Invalid ordering field "password". Allowed: name, created_at.'] });
    }
  });
});
