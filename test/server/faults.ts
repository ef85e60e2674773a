import { seededRandom } from './random';
import type { Reply } from './http';

/** Ongoing fault rates (shares of requests, 0..1) and added latency, switchable at run time. */
export interface FaultRates {
  latencyMs: number;
  /** Answered 500 or 503 before any work is done. */
  errorRate: number;
  /** Connection dropped before the request is handled. */
  dropBeforeRate: number;
  /** Connection dropped after the request was handled (a write is applied, its answer lost). */
  dropAfterRate: number;
  /** Answered 200 with a body that is not JSON. */
  malformedRate: number;
}

export type Fault =
  /** `fieldErrors`: Close's `field-errors` (Lightfield names one field, in `param`). */
  | { kind: 'status'; status: number; retryAfterSeconds?: number; message?: string; code?: string; param?: string; fieldErrors?: Record<string, string> }
  | { kind: 'drop-before' }
  | { kind: 'drop-after' }
  | { kind: 'malformed' }
  | { kind: 'mutate'; mutate: (body: unknown) => unknown }
  /** An answer of the test's own, status and text as given. */
  | { kind: 'reply'; status: number; text: string };

/** A fault for the next request(s) that match, for tests that need one exact failure. */
export type OneShotFault = Fault & { method?: string; path?: RegExp; times?: number };

export class Faults {
  readonly rates: FaultRates;
  /** Faults handed out so far, by kind (a status fault by its status code). */
  readonly counts: Record<string, number> = {};
  private readonly queue: OneShotFault[] = [];
  private readonly random: () => number;

  constructor(rates: Partial<FaultRates>, seed: number) {
    this.rates = { latencyMs: 0, errorRate: 0, dropBeforeRate: 0, dropAfterRate: 0, malformedRate: 0, ...rates };
    this.random = seededRandom(seed ^ 0xfa17);
  }

  /** Drops the one-shot faults still waiting for their requests. */
  clearQueued(): void {
    this.queue.length = 0;
  }

  inject(fault: OneShotFault): void {
    this.queue.push({ times: 1, ...fault });
  }

  clear(): void {
    this.queue.length = 0;
    Object.assign(this.rates, { latencyMs: 0, errorRate: 0, dropBeforeRate: 0, dropAfterRate: 0, malformedRate: 0 });
  }

  /** The fault for this request, if any: queued ones first, then the rates. */
  draw(method: string, path: string): Fault | undefined {
    const fault = this.pick(method, path);
    if (fault) {
      const kind = fault.kind === 'status' ? String(fault.status) : fault.kind;
      this.counts[kind] = (this.counts[kind] ?? 0) + 1;
    }
    return fault;
  }

  private pick(method: string, path: string): Fault | undefined {
    const index = this.queue.findIndex((f) => (!f.method || f.method === method) && (!f.path || f.path.test(path)));
    if (index >= 0) {
      const fault = this.queue[index];
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) this.queue.splice(index, 1);
      return fault;
    }
    const { errorRate, dropBeforeRate, dropAfterRate, malformedRate } = this.rates;
    const roll = this.random();
    if (roll < errorRate) return { kind: 'status', status: this.random() < 0.5 ? 500 : 503 };
    if (roll < errorRate + dropBeforeRate) return { kind: 'drop-before' };
    if (roll < errorRate + dropBeforeRate + dropAfterRate) return { kind: 'drop-after' };
    if (roll < errorRate + dropBeforeRate + dropAfterRate + malformedRate) return { kind: 'malformed' };
    return undefined;
  }
}

const NO_CONTENT = { status: 204, headers: {}, body: null };

/**
 * `POST /_test/faults` (a fault as JSON, its path a regular expression's source)
 * and `DELETE /_test/faults`: switches for tests that run in another process (the
 * extension host). Not part of any service's API, never called by the extension.
 */
export function faultControl(faults: Faults, method: string, path: string, text: string): Reply | undefined {
  if (path !== '/_test/faults') return undefined;
  if (method === 'DELETE') {
    faults.clear();
    return NO_CONTENT;
  }
  if (method !== 'POST') return undefined;
  const fault = JSON.parse(text) as { kind: 'status' | 'drop-before' | 'drop-after'; status?: number; method?: string; path?: string; times?: number };
  faults.inject({ ...fault, status: fault.status ?? 500, path: fault.path ? new RegExp(fault.path) : undefined });
  return NO_CONTENT;
}
