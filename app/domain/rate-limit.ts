/**
 * Login throttling rules (pure). Failures are counted in a sliding window, per
 * account (e-mail) and per client address; either limit blocks.
 */
export const LOGIN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export interface AttemptCounts {
  /** Failures for this e-mail in the window, with the oldest one's time. */
  accountFailures: number;
  accountOldest: string | null;
  addressFailures: number;
  addressOldest: string | null;
}

/** Minutes to wait (rounded up, at least 1), or 0 when a new attempt is allowed. */
export function loginLockMinutes(c: AttemptCounts, now: Date): number {
  const waits: number[] = [];
  if (c.accountFailures >= MAX_FAILURES_PER_ACCOUNT && c.accountOldest) waits.push(unlockIn(c.accountOldest, now));
  if (c.addressFailures >= MAX_FAILURES_PER_ADDRESS && c.addressOldest) waits.push(unlockIn(c.addressOldest, now));
  return waits.length ? Math.max(...waits) : 0;
}

function unlockIn(oldest: string, now: Date): number {
  const ms = new Date(oldest).getTime() + LOGIN_WINDOW_MINUTES * 60_000 - now.getTime();
  return Math.max(1, Math.ceil(ms / 60_000));
}

export function windowStart(now: Date): string {
  return new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000).toISOString();
}
