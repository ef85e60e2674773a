import { HttpError } from './httpError';

const KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;
const MAX_KEY_LENGTH = 255;

export interface StoredResponse {
  status: number;
  body: unknown;
}

interface Entry {
  expiresAt: number;
  response?: StoredResponse;
}

/**
 * Idempotency keys as documented: scoped to the organisation and the operation
 * (create or update), the first answer replayed whatever the later body, a 409
 * while it is still being made, and failures never cached.
 */
export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number) {}

  /**
   * Claims `key` for this request. Returns the first answer to replay, or
   * `undefined` when the caller should do the work and then `complete` it.
   */
  claim(operation: 'create' | 'update', key: string): StoredResponse | undefined {
    if (key.length > MAX_KEY_LENGTH) {
      throw new HttpError(400, `Idempotency-Key must be at most ${MAX_KEY_LENGTH} characters.`, 'idempotency_key_too_long', 'Idempotency-Key');
    }
    const scoped = `${operation}:${key}`;
    const existing = this.entries.get(scoped);
    if (existing && existing.expiresAt > this.now()) {
      if (!existing.response) {
        throw new HttpError(409, 'A request with this Idempotency-Key is still in progress; retry shortly.', 'idempotency_conflict');
      }
      return existing.response;
    }
    this.entries.set(scoped, { expiresAt: this.now() + KEY_LIFETIME_MS });
    return undefined;
  }

  /** Stores a successful answer; a failed one releases the key, so a retry does the work. */
  complete(operation: 'create' | 'update', key: string, response: StoredResponse): void {
    const scoped = `${operation}:${key}`;
    const entry = this.entries.get(scoped);
    if (response.status >= 400 || !entry) {
      this.entries.delete(scoped);
      return;
    }
    entry.response = response;
  }

  /** Frees a key whose request ended without an answer (the route threw). */
  release(operation: 'create' | 'update', key: string): void {
    this.entries.delete(`${operation}:${key}`);
  }
}
