import { QueryFailedError } from 'typeorm';

/** The name of the unique constraint or index a write violated, if that is what failed. */
export function uniqueViolation(err: unknown): string | undefined {
  if (!(err instanceof QueryFailedError)) return undefined;
  const driver = err.driverError as { code?: string; constraint?: string } | undefined;
  return driver?.code === '23505' ? driver.constraint : undefined;
}

/** Whether a write failed because other rows still reference the row (a foreign key). */
export function referencedElsewhere(err: unknown): boolean {
  return err instanceof QueryFailedError && (err.driverError as { code?: string } | undefined)?.code === '23503';
}
