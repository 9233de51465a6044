import { plainToInstance, Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min, ValidateNested, validateSync } from 'class-validator';
import { toFieldErrors } from './field-messages';

class Line {
  @IsInt() @Min(1) quantity: number;
}

class Sample {
  @IsString() @IsNotEmpty() @MaxLength(5) name: string;
  @IsOptional() @IsEmail() email?: string;
  @IsOptional() @IsIn(['a', 'b']) kind?: string;
  @IsOptional() @ValidateNested({ each: true }) @Type(() => Line) lines?: Line[];
  @IsOptional() @IsString() @MaxLength(3, { message: 'Too long, keep it short.' }) note?: string;
}

const errorsFor = (body: object) => toFieldErrors(validateSync(plainToInstance(Sample, body), { whitelist: true, forbidNonWhitelisted: true }));

describe('toFieldErrors', () => {
  it('says a missing, null or blank field is required in DRF words', () => {
    expect(errorsFor({}).name).toEqual(['This field is required.']);
    expect(errorsFor({ name: null }).name).toEqual(['This field may not be null.']);
    expect(errorsFor({ name: '' }).name).toEqual(['This field may not be blank.']);
  });

  it("rewords class-validator's default messages", () => {
    const errors = errorsFor({ name: 'toolongname', email: 'x', kind: 'c', extra: 1 });
    expect(errors).toEqual({
      name: ['Ensure this field has no more than 5 characters.'],
      email: ['Enter a valid email address.'],
      kind: ['"c" is not a valid choice.'],
      extra: ['This field is not allowed.'],
    });
  });

  it('keeps messages written on the decorator', () => {
    expect(errorsFor({ name: 'ok', note: 'long' }).note).toEqual(['Too long, keep it short.']);
  });

  it('names nested fields by path', () => {
    expect(errorsFor({ name: 'ok', lines: [{ quantity: 2 }, { quantity: 0 }] })).toEqual({
      'lines[1].quantity': ['Ensure this value is greater than or equal to 1.'],
    });
  });
});

describe('toFieldErrors with a wrong type', () => {
  class Numbers {
    @IsInt() @Min(1) count: number;
  }
  it('reports only the type error', () => {
    const errors = validateSync(plainToInstance(Numbers, { count: 'abc' }));
    expect(toFieldErrors(errors)).toEqual({ count: ['A valid integer is required.'] });
  });
});
