/**
 * When the next automatic refresh is due. No `vscode` here, so the rule is a
 * plain-Node table test: whatever a setting says, and whichever scope set it
 * (a repository's `.vscode/settings.json` included), automatic refreshes never
 * come closer together than the floor, so no setting can spend the account's
 * rate limit or API quota.
 */

/** The shortest time between automatic refreshes, in seconds. */
export const MIN_REFRESH_SECONDS = 30;
/** Unfocused windows refresh this many times less often. */
const UNFOCUSED_FACTOR = 4;
/** Failures in a row beyond this do not lengthen the wait further. */
const MOST_BACKOFF_FAILURES = 3;

export interface RefreshTiming {
  /** The setting: seconds between refreshes, 0 (or less, or not a number) for none. */
  intervalSeconds: number;
  /** When the last refresh ran (ms since epoch). */
  lastRun: number;
  now: number;
  focused: boolean;
  /** Refreshes that failed in a row. */
  failures: number;
}

/** The interval the setting asks for, brought up to the floor; undefined when automatic refreshes are off. */
export function effectiveRefreshSeconds(intervalSeconds: number): number | undefined {
  if (!Number.isFinite(intervalSeconds) || intervalSeconds <= 0) return undefined;
  return Math.max(MIN_REFRESH_SECONDS, intervalSeconds);
}

/** Milliseconds from `now` until the next automatic refresh, or undefined for none. */
export function nextRefreshDelayMs(timing: RefreshTiming): number | undefined {
  const seconds = effectiveRefreshSeconds(timing.intervalSeconds);
  if (seconds === undefined) return undefined;
  const factor = (timing.focused ? 1 : UNFOCUSED_FACTOR) * 2 ** Math.min(Math.max(0, timing.failures), MOST_BACKOFF_FAILURES);
  // At least the floor after the last run, since the factor is never below 1; and never a timer of zero.
  return Math.max(1000, timing.lastRun + seconds * 1000 * factor - timing.now);
}
