import { HttpError } from './httpError';

export type Category = 'read' | 'write' | 'search';

/** Fixed one-second windows per category for the organisation, with the documented headers. */
export class ServerRateLimit {
  private readonly windows = new Map<Category, { second: number; used: number }>();

  constructor(
    public perSecond: number,
    private readonly now: () => number,
  ) {}

  /** Counts one request; returns the headers to send, or throws a 429 past the limit. */
  take(category: Category): Record<string, string> {
    const now = this.now();
    const second = Math.floor(now / 1000);
    let window = this.windows.get(category);
    if (!window || window.second !== second) {
      window = { second, used: 0 };
      this.windows.set(category, window);
    }
    window.used += 1;
    const headers = {
      'X-RateLimit-Limit': String(this.perSecond),
      'X-RateLimit-Remaining': String(Math.max(0, this.perSecond - window.used)),
      'X-RateLimit-Reset': String(second + 1),
    };
    if (window.used > this.perSecond) {
      const retryAfter = Math.max(1, Math.ceil((second + 1) * 1000 - now) / 1000);
      throw new HttpError(429, `Rate limit of ${this.perSecond} requests per second exceeded for ${category} requests.`, undefined, undefined, {
        ...headers,
        'Retry-After': String(Math.ceil(retryAfter)),
      });
    }
    return headers;
  }
}
