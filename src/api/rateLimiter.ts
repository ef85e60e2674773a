import { abortableSleep } from './sleep';

interface CategoryState {
  /** Recent send times, oldest first. */
  sent: number[];
  /** What the service last said is left, and until when that holds. */
  serverRemaining?: number;
  serverResetAt?: number;
  /** The end of the service's current window, once it said where its windows fall. */
  windowEnd?: number;
  /** The requests per window the service said it allows, where it said so. */
  serviceLimit?: number;
}

/** A send this close before the end of the service's window may arrive in the next one, so it counts in both. */
const BOUNDARY_GUARD_MS = 25;

/**
 * Keeps each category (a service's rate-limit group) under its budget, so normal use
 * never meets a 429. Two rules: our own count of sends, and the service's report of
 * what is left, which also counts requests from other clients of the same account.
 * Until the service says where its windows fall the count slides (a little wider
 * than a window: the service counts arrivals, and arrivals jitter); once it has,
 * the count follows its windows, so a full budget goes out in each of them.
 */
export class RateLimiter {
  private readonly states = new Map<string, CategoryState>();

  constructor(
    private readonly perWindow = 25,
    private readonly windowMs = 1000,
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

  /** What the service reported: requests left, when its window resets (ms since epoch), and its limit per window where it says. */
  observe(category: string, remaining: number, resetAt: number, limit?: number): void {
    const state = this.state(category);
    if (limit !== undefined && Number.isFinite(limit) && limit > 0) state.serviceLimit = limit;
    state.serverRemaining = remaining;
    state.serverResetAt = resetAt;
    if (resetAt > this.now() && resetAt - this.now() <= this.windowMs) state.windowEnd = resetAt;
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
    if (state.windowEnd !== undefined) return this.alignedWait(state, now);
    const slidingMs = this.windowMs * 1.1;
    while (state.sent.length > 0 && state.sent[0] <= now - slidingMs) state.sent.shift();
    return state.sent.length < this.budget(state) ? 0 : state.sent[0] + slidingMs - now;
  }

  /** The wait in the service's own windows: the budget of the window `now` falls in, sends near its start counted in it too. */
  private alignedWait(state: CategoryState, now: number): number {
    let end = state.windowEnd ?? now;
    while (end <= now) end += this.windowMs;
    state.windowEnd = end;
    const start = end - this.windowMs;
    while (state.sent.length > 0 && state.sent[0] < start - BOUNDARY_GUARD_MS) state.sent.shift();
    return state.sent.length < this.budget(state) ? 0 : end - now;
  }

  /** Our budget, or the service's own limit where it is lower (limits "are subject to change"). */
  private budget(state: CategoryState): number {
    return Math.min(this.perWindow, state.serviceLimit ?? Number.POSITIVE_INFINITY);
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
