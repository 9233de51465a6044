import { applyDecorators } from '@nestjs/common';
import { IsString, Matches } from 'class-validator';

/** The type of stock kept at warehouse level, and of a bin unless it says otherwise. */
export const STANDARD_STOCK_TYPE = 'standard';

/** A stock type's spelling (the database checks the same pattern). */
export const STOCK_TYPE_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;

/** A stock type, or with `each` a list of them: lower-case letters, digits, _ and -, at most 32. */
export function IsStockType(options: { each?: boolean } = {}): PropertyDecorator {
  return applyDecorators(
    IsString(options),
    Matches(STOCK_TYPE_PATTERN, { ...options, message: 'A stock type is 1 to 32 lower-case letters, digits, _ or -, starting with a letter.' }),
  );
}
