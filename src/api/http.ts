/**
 * The HTTP machinery every service adapter shares: the key asked for per call and
 * refused over plain HTTP to another machine, timeouts and abort, pacing by the
 * client's and the service's rate limits, bounded retries with backoff honouring
 * `Retry-After`, a zod parse of every answer, and the key redacted from every
 * error. A service plugs in what differs (`ServiceRules`): its auth headers, its
 * error bodies, what it retries, how it reports its rate limits.
 */
import { randomUUID } from 'node:crypto';
import { type $Fetch, type FetchResponse, ofetch } from 'ofetch';
import type { ZodMiniType } from 'zod/mini';
import { unsafeBaseUrlReason } from './baseUrl';
import { afterUnknownAttempt, ApiError, describeSchemaIssues, isOutcomeUnknown, redactError } from './errors';
import type { ProviderOptions } from './provider';
import { RateLimiter } from './rateLimiter';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, retryDelayMs } from './retry';
import { abortableSleep } from './sleep';

/** A `Retry-After` longer than this is reported instead of waited out. */
const LONGEST_RETRY_AFTER_SECONDS = 60;
/**
 * 429s a call waits out before it gives up: a refusal says the service did not act
 * and when to come back, so it does not spend the attempts kept for failures.
 */
const MOST_REFUSALS = 8;
/** Redirect statuses, and how many of them a call follows within the base URL. */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MOST_REDIRECTS = 5;

/** What a service's error answer says, in the shape `ApiError` carries. */
export interface ErrorReading {
  message: string;
  type?: string;
  code?: string;
  param?: string;
  /** Messages by described field key. */
  fieldErrors?: Record<string, string>;
  /** From the body, where a service puts it there (used only without a `Retry-After` header). */
  retryAfterSeconds?: number;
}

export interface ServiceRules {
  /** The service's name, for messages. */
  name: string;
  /** The headers every request carries: auth, version, content negotiation. */
  headers(key: string): Record<string, string>;
  /** Reads an error answer's body (already JSON-parsed when it was JSON). */
  readError(status: number, body: unknown): ErrorReading;
  /** Whether an error answer may be retried (for a request that is safe to repeat). */
  retryable(status: number, error: ErrorReading): boolean;
  /** The service's report of its rate limit on this answer, if any: requests left, when the window resets (ms since epoch), and the limit per window. */
  rateLimit(headers: Headers, now: number): { remaining: number; resetAt: number; limit?: number } | undefined;
  /** The header a POST carries its idempotency key in, where the service has them. */
  idempotencyHeader?: string;
  /** Client-side budget per category: requests in each window. */
  budget: { perWindow: number; windowMs: number };
}

export interface RequestSpec<T> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /** The rate-limit group the request counts in. */
  category: string;
  schema: ZodMiniType<T>;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export class ServiceHttp {
  readonly baseUrl: string;
  private readonly fetcher: $Fetch;
  private readonly retry: RetryPolicy;
  private readonly limiter: RateLimiter;
  private readonly timeoutMs: number;

  constructor(
    private readonly rules: ServiceRules,
    private readonly options: ProviderOptions & { baseUrl: string },
  ) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.limiter = options.limiter ?? new RateLimiter(rules.budget.perWindow, rules.budget.windowMs);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    // ofetch's own retry is off: it cannot tell which errors a service retries, nor honour `Retry-After`, nor pace attempts.
    this.fetcher = ofetch.create({ baseURL: this.baseUrl, retry: false, ignoreResponseError: true });
  }

  /**
   * Sends one logical call. A request that is not safe to repeat (a POST without an
   * idempotency key) is retried only on a 429, which the service did not act on; any
   * other failure is the caller's to resolve.
   */
  async request<T>(spec: RequestSpec<T>): Promise<T> {
    const key = await this.options.getKey();
    if (!key) throw new ApiError({ kind: 'config', message: `No ${this.rules.name} API key is set.` });
    const unsafe = unsafeBaseUrlReason(this.baseUrl);
    if (unsafe) throw new ApiError({ kind: 'config', message: unsafe });
    const idempotencyKey = spec.method === 'POST' && this.rules.idempotencyHeader ? (spec.idempotencyKey ?? randomUUID()) : undefined;
    const repeatable = spec.method !== 'POST' || idempotencyKey !== undefined;
    let failures = 0;
    let refusals = 0;
    let unknownBefore = false;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(spec, key, idempotencyKey, attempt);
      } catch (error) {
        const apiError = toApiError(error, key, this.baseUrl, spec.signal);
        const waitSeconds = apiError.retryAfterSeconds ?? 0;
        const refused = apiError.status === 429;
        const tries = refused ? ++refusals : ++failures;
        const retry =
          apiError.retryable &&
          (repeatable || refused) &&
          tries < (refused ? MOST_REFUSALS : this.retry.maxAttempts) &&
          waitSeconds <= LONGEST_RETRY_AFTER_SECONDS;
        if (!retry) throw unknownBefore ? afterUnknownAttempt(apiError) : apiError;
        unknownBefore ||= isOutcomeUnknown(apiError);
        if (refused) this.limiter.pause(spec.category, waitSeconds || 1);
        await abortableSleep(retryDelayMs(tries - 1, this.retry, apiError.retryAfterSeconds), spec.signal).catch(() => {
          throw abortedError();
        });
      }
    }
  }

  private async attempt<T>(spec: RequestSpec<T>, key: string, idempotencyKey: string | undefined, attempt: number): Promise<T> {
    await this.limiter.acquire(spec.category, spec.signal);
    const headers: Record<string, string> = { Accept: 'application/json', ...this.rules.headers(key) };
    if (spec.body !== undefined) headers['Content-Type'] = 'application/json';
    if (idempotencyKey && this.rules.idempotencyHeader) headers[this.rules.idempotencyHeader] = idempotencyKey;
    const signals = [AbortSignal.timeout(this.timeoutMs), ...(spec.signal ? [spec.signal] : [])];
    const started = Date.now();
    let path = spec.path;
    let query = spec.query;
    let response: FetchResponse<string>;
    for (let hops = 0; ; hops++) {
      // Redirects are followed here, never by fetch: only within the base URL, so no other server gets the request or its body.
      response = await this.fetcher.raw(path, {
        method: spec.method,
        query,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        headers,
        signal: AbortSignal.any(signals),
        responseType: 'text',
        redirect: 'manual',
      });
      if (!REDIRECTS.has(response.status)) break;
      path = this.redirectTarget(response, spec.method, hops);
      query = undefined;
    }
    const limit = this.rules.rateLimit(response.headers, Date.now());
    if (limit) this.limiter.observe(spec.category, limit.remaining, limit.resetAt, limit.limit);
    this.options.log?.(`${spec.method} ${spec.path} -> ${response.status} (${Date.now() - started} ms, attempt ${attempt})`);
    const text = response._data ?? '';
    if (!response.ok) throw this.httpError(response.status, text, numberHeader(response.headers, 'Retry-After'));
    return parseBody(text, spec.schema, `${spec.method} ${spec.path}`);
  }

  /**
   * The path under the base URL a redirect points to. Refused with an error a user can
   * read when it leaves the base URL (another origin would get the request and its
   * body), would turn the request into another method, or goes round too often.
   */
  private redirectTarget(response: FetchResponse<string>, method: RequestSpec<unknown>['method'], hops: number): string {
    const refuse = (message: string) => new ApiError({ kind: 'config', status: response.status, message });
    const location = response.headers.get('Location');
    if (!location) throw refuse(`${this.rules.name} answered a redirect (HTTP ${response.status}) without saying where to.`);
    const base = new URL(`${this.baseUrl}/`).href;
    const target = new URL(location, response.url || base);
    if (!target.href.startsWith(base)) {
      throw refuse(`${this.baseUrl} redirected the request to ${target.origin}${target.pathname}, outside the base URL, and it was not followed. Check the base URL setting.`);
    }
    // 301, 302 and 303 turn a write into a GET: the write would be lost while the answer looked fine.
    if (method !== 'GET' && response.status !== 307 && response.status !== 308) {
      throw refuse(`${this.rules.name} redirected a ${method} with HTTP ${response.status}, which would drop what it sends, so it was not followed.`);
    }
    if (hops + 1 >= MOST_REDIRECTS) throw refuse(`${this.rules.name} redirected the request more than ${MOST_REDIRECTS} times.`);
    return `/${target.href.slice(base.length)}`;
  }

  private httpError(status: number, text: string, retryAfterHeader: number | undefined): ApiError {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const reading = this.rules.readError(status, body);
    return new ApiError({
      kind: 'http',
      status,
      ...reading,
      // A body with no words of its own (an empty message, an HTML error page) still says what happened.
      message: reading.message.trim() ? reading.message : `${this.rules.name} answered HTTP ${status}.`,
      retryable: this.rules.retryable(status, reading),
      retryAfterSeconds: retryAfterHeader ?? reading.retryAfterSeconds,
    });
  }
}

function parseBody<T>(text: string, schema: ZodMiniType<T>, what: string): T {
  let json: unknown;
  try {
    // An empty answer (a 204, say) is no value: the schema says whether that will do.
    json = text.trim() === '' ? null : JSON.parse(text);
  } catch {
    // Cut short on the way, most likely: asked again (a write with the same key), it may come whole.
    throw new ApiError({ kind: 'schema', message: `${what}: the service's answer is not valid JSON.`, retryable: true });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError({ kind: 'schema', message: `${what}: unexpected answer from the service: ${describeSchemaIssues(parsed.error)}` });
  }
  return parsed.data;
}

/** Every failure of an attempt as an `ApiError`, redacted of the key in every form the client sends it: the one place errors leave the HTTP layer. */
function toApiError(error: unknown, key: string, baseUrl: string, signal: AbortSignal | undefined): ApiError {
  if (signal?.aborted) return abortedError();
  if (error instanceof ApiError) return redactError(error, key);
  const cause = error instanceof Error ? describeNetworkFailure(error) : String(error);
  return redactError(new ApiError({ kind: 'network', message: `Could not reach ${baseUrl}: ${cause}`, retryable: true }), key);
}

function describeNetworkFailure(error: Error): string {
  if (error.name === 'TimeoutError' || /timeout/i.test(error.message)) return 'the request timed out.';
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? error.message;
}

function abortedError(): ApiError {
  return new ApiError({ kind: 'aborted', message: 'The request was cancelled.' });
}

export function numberHeader(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

/** Any 5xx and 429: the failures a service asks to be retried. */
export function isServerTrouble(status: number): boolean {
  return status === 429 || status >= 500;
}
