import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { effectiveRefreshSeconds, MIN_REFRESH_SECONDS, nextRefreshDelayMs, type RefreshTiming } from '../../src/tasks/refreshDelay';

const NOW = 1_000_000_000;
const timing = (overrides: Partial<RefreshTiming>): RefreshTiming => ({ intervalSeconds: 300, lastRun: NOW, now: NOW, focused: true, failures: 0, ...overrides });

describe('automatic refresh timing', () => {
  // [what, timing, expected delay in seconds, or undefined for none]
  const table: [string, Partial<RefreshTiming>, number | undefined][] = [
    ['the default interval', {}, 300],
    ['off at 0', { intervalSeconds: 0 }, undefined],
    ['off below 0', { intervalSeconds: -5 }, undefined],
    ['off for a value that is not a number', { intervalSeconds: Number.NaN }, undefined],
    ['1 s from a workspace setting is brought up to the floor', { intervalSeconds: 1 }, MIN_REFRESH_SECONDS],
    ['a fraction of a second is brought up to the floor', { intervalSeconds: 0.001 }, MIN_REFRESH_SECONDS],
    ['just under the floor is brought up to it', { intervalSeconds: MIN_REFRESH_SECONDS - 1 }, MIN_REFRESH_SECONDS],
    ['the floor itself', { intervalSeconds: MIN_REFRESH_SECONDS }, MIN_REFRESH_SECONDS],
    ['an unfocused window waits four times as long', { intervalSeconds: 1, focused: false }, MIN_REFRESH_SECONDS * 4],
    ['failures back off', { intervalSeconds: 60, failures: 2 }, 240],
    ['backoff stops growing after three failures', { intervalSeconds: 60, failures: 10 }, 480],
    ['time already waited counts', { intervalSeconds: 300, lastRun: NOW - 200_000 }, 100],
    ['a refresh long overdue runs soon, not at once', { intervalSeconds: 300, lastRun: NOW - 10_000_000 }, 1],
  ];
  for (const [what, overrides, seconds] of table) {
    it(what, () => {
      const delay = nextRefreshDelayMs(timing(overrides));
      assert.equal(delay === undefined ? undefined : delay / 1000, seconds);
    });
  }

  it('never runs sooner than the floor after the last run, for any setting, focus or failures', () => {
    for (const intervalSeconds of [0.01, 0.5, 1, 2, 5, 10, 29, 29.9]) {
      for (const focused of [true, false]) {
        for (const failures of [0, 1, 5]) {
          const delay = nextRefreshDelayMs(timing({ intervalSeconds, focused, failures }));
          assert.ok(delay !== undefined && delay >= MIN_REFRESH_SECONDS * 1000, `${intervalSeconds} s gave ${delay} ms`);
        }
      }
    }
    assert.equal(effectiveRefreshSeconds(1), MIN_REFRESH_SECONDS);
    assert.ok(MIN_REFRESH_SECONDS >= 30, 'the floor keeps a refresh loop well inside any rate limit');
  });
});
