import { HttpError } from './httpError';

const KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;
const MAX_KEY_LENGTH = 255;

export interface StoredResponse {
  status: number;
  body: unknown;
}

interface Entry {
  fingerprint: string;
  expiresAt: number;
  response?: StoredResponse;
}

/** Idempotency keys as documented: replay the first answer, 409 while it is still being made. */
export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number) {}

  /**
   * Claims `key` for this request. Returns the first answer to replay, or
   * `undefined` when the caller should do the work and then `complete` it.
   */
  claim(key: string, fingerprint: string): StoredResponse | undefined {
    if (key.length > MAX_KEY_LENGTH) {
      throw new HttpError(400, `Idempotency-Key must be at most ${MAX_KEY_LENGTH} characters.`, 'idempotency_key_too_long', 'Idempotency-Key');
    }
    const existing = this.entries.get(key);
    if (existing && existing.expiresAt > this.now()) {
      if (existing.fingerprint !== fingerprint) {
        throw new HttpError(400, 'This Idempotency-Key was already used for a different request.', undefined, 'Idempotency-Key');
      }
      if (!existing.response) {
        throw new HttpError(409, 'A request with this Idempotency-Key is still in progress; retry shortly.', 'idempotency_conflict');
      }
      return existing.response;
    }
    this.entries.set(key, { fingerprint, expiresAt: this.now() + KEY_LIFETIME_MS });
    return undefined;
  }

  /** Stores the answer; server faults (5xx) release the key so a retry does the work. */
  complete(key: string, response: StoredResponse): void {
    if (response.status >= 500) {
      this.entries.delete(key);
      return;
    }
    const entry = this.entries.get(key);
    if (entry) {
      entry.response = response;
    }
  }
}
