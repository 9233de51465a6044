/** ISO 8601 UTC to the second, as the documents show it: 2024-01-15T10:30:00Z. */
export function isoTime(value: Date): string;
export function isoTime(value: Date | null): string | null;
export function isoTime(value: Date | null): string | null {
  return value === null ? null : value.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
