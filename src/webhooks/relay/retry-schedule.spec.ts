import { retryDelayMs } from './retry-schedule';

const SCHEDULE = [5, 300, 1800, 7200, 18000, 36000, 36000].map((s) => s * 1000);

describe('retryDelayMs', () => {
  it('follows +5 s, +5 min, +30 min, +2 h, +5 h, +10 h, +10 h, then gives up', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n, SCHEDULE, undefined, () => 0.5))).toEqual(SCHEDULE);
    expect(retryDelayMs(8, SCHEDULE)).toBeNull();
  });

  it('jitters by at most 10 %', () => {
    expect(retryDelayMs(2, SCHEDULE, undefined, () => 0)).toBe(270_000);
    expect(retryDelayMs(2, SCHEDULE, undefined, () => 0.9999999)).toBe(330_000);
  });

  it("takes the receiver's Retry-After, at most a day", () => {
    expect(retryDelayMs(1, SCHEDULE, 60_000)).toBe(60_000);
    expect(retryDelayMs(1, SCHEDULE, 7 * 24 * 3600_000)).toBe(24 * 3600_000);
    expect(retryDelayMs(8, SCHEDULE, 1000)).toBeNull();
  });
});
