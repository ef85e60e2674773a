import { abortableSleep } from './sleep';

interface CategoryState {
  /** Send times inside the current sliding window, oldest first. */
  sent: number[];
  /** What the service last said is left, and until when that holds. */
  serverRemaining?: number;
  serverResetAt?: number;
}

/**
 * Keeps each category (a service's rate-limit group) under its budget, so normal use
 * never meets a 429. Two rules: our own sliding window, and the service's report of
 * what is left, which also counts requests from other clients of the same account.
 */
export class RateLimiter {
  private readonly states = new Map<string, CategoryState>();

  constructor(
    private readonly perWindow = 25,
    // A little wider than a second: the service counts arrivals, and arrivals jitter.
    private readonly windowMs = 1100,
    private readonly now: () => number = Date.now,
  ) {}

  async acquire(category: string, signal?: AbortSignal): Promise<void> {
    const state = this.state(category);
    for (;;) {
      const waitMs = this.waitTime(state);
      if (waitMs <= 0) {
        state.sent.push(this.now());
        if (state.serverRemaining !== undefined) {
          state.serverRemaining -= 1;
        }
        return;
      }
      await abortableSleep(waitMs, signal);
    }
  }

  /** What the service reported: requests left, and when its window resets (ms since epoch). */
  observe(category: string, remaining: number, resetAt: number): void {
    const state = this.state(category);
    state.serverRemaining = remaining;
    state.serverResetAt = resetAt;
  }

  /** Blocks the category until `seconds` from now, as a 429's `Retry-After` asks. */
  pause(category: string, seconds: number): void {
    const state = this.state(category);
    state.serverRemaining = 0;
    state.serverResetAt = this.now() + seconds * 1000;
  }

  private waitTime(state: CategoryState): number {
    const now = this.now();
    if (state.serverResetAt !== undefined && now >= state.serverResetAt) {
      state.serverRemaining = undefined;
      state.serverResetAt = undefined;
    }
    if (state.serverRemaining !== undefined && state.serverRemaining <= 0 && state.serverResetAt !== undefined) {
      return state.serverResetAt - now;
    }
    while (state.sent.length > 0 && state.sent[0] <= now - this.windowMs) {
      state.sent.shift();
    }
    if (state.sent.length < this.perWindow) {
      return 0;
    }
    return state.sent[0] + this.windowMs - now;
  }

  private state(category: string): CategoryState {
    let state = this.states.get(category);
    if (!state) {
      state = { sent: [] };
      this.states.set(category, state);
    }
    return state;
  }
}
