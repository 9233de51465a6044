const MAX_RETRY_AFTER_MS = 24 * 3600_000;

/**
 * When to try again after the `failures`th failed attempt of a delivery: the schedule's delay
 * for that failure, ±10 % so endpoints that failed together are not retried together; the
 * receiver's Retry-After instead where it gave one (at most a day).
 * Null once the schedule is used up: the delivery has failed.
 */
export function retryDelayMs(failures: number, schedule: number[], retryAfterMs?: number, random: () => number = Math.random): number | null {
  if (failures < 1 || failures > schedule.length) return null;
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
  const delay = schedule[failures - 1];
  return Math.round(delay * (0.9 + 0.2 * random()));
}
