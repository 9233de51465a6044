import type { ValueTransformer } from 'typeorm';

/** numeric columns arrive from pg as strings; keep them so, never as floats. */
export const decimalString: ValueTransformer = {
  to: (value: string | number | null | undefined) => (value === undefined || value === null ? value : String(value)),
  from: (value: string | null) => value,
};
