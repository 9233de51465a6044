import { Transform } from 'class-transformer';

/** Strips surrounding whitespace from a string field, as DRF's CharField does. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
