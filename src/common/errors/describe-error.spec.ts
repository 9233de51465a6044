import { BadRequestException, ForbiddenException, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { Conflict, ValidationFailed } from './app-error';
import { describeError } from './describe-error';

const pgError = (code: string) => new QueryFailedError('select', [], Object.assign(new Error('pg'), { code }));

describe('describeError', () => {
  it('passes domain errors through', () => {
    expect(describeError(ValidationFailed.field('name', 'Bad.'))).toMatchObject({
      status: 400,
      code: 'VALIDATION_ERROR',
      fields: { name: ['Bad.'] },
      unexpected: false,
    });
    expect(describeError(new Conflict('Busy.'))).toMatchObject({ status: 409, code: 'CONFLICT', message: 'Busy.' });
  });

  it("maps Nest HTTP exceptions to the contract's codes", () => {
    expect(describeError(new NotFoundException('Cannot GET /x'))).toMatchObject({ status: 404, code: 'NOT_FOUND', message: 'Not found.' });
    expect(describeError(new UnauthorizedException())).toMatchObject({ status: 401, code: 'NOT_AUTHENTICATED' });
    expect(describeError(new ForbiddenException())).toMatchObject({ status: 403, code: 'PERMISSION_DENIED' });
    expect(describeError(new BadRequestException('Nope'))).toMatchObject({ status: 400, fields: { non_field_errors: ['Nope'] } });
  });

  it('turns constraint violations a client can cause into 4xx, never 500', () => {
    expect(describeError(pgError('23503'))).toMatchObject({ status: 409, code: 'CONFLICT', unexpected: false });
    expect(describeError(pgError('23505'))).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(describeError(pgError('40P01'))).toMatchObject({ status: 409 });
    expect(describeError(pgError('22003'))).toMatchObject({ status: 400 });
  });

  it("maps Fastify's own errors by status", () => {
    expect(describeError(Object.assign(new Error('too big'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' }))).toMatchObject({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
  });

  it('hides anything else behind a 500 that is logged', () => {
    const described = describeError(new Error('secret SQL detail'));
    expect(described).toMatchObject({ status: 500, code: 'INTERNAL', message: 'Internal server error.', unexpected: true });
    expect(JSON.stringify(described)).not.toContain('secret');
    expect(describeError(pgError('42P01'))).toMatchObject({ status: 500, unexpected: true });
  });
});
