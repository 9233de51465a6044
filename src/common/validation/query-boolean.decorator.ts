import { Transform } from 'class-transformer';

const TRUE = new Set(['true', '1', 'yes']);
const FALSE = new Set(['false', '0', 'no']);

/** Reads a query-string boolean (true/false/1/0/yes/no); anything else stays a string and fails @IsBoolean. */
export const QueryBoolean = () =>
  Transform(({ value }) => {
    if (typeof value !== 'string') return value;
    const v = value.toLowerCase();
    return TRUE.has(v) ? true : FALSE.has(v) ? false : value;
  });
