import { randomUUID } from 'node:crypto';
import { type $Fetch, type FetchResponse, ofetch } from 'ofetch';
import type { z } from 'zod';
import { unsafeBaseUrlReason } from '../baseUrl';
import { ApiError, describeSchemaIssues, isRetryableStatus, redact } from '../errors';
import { type RateCategory, RateLimiter } from '../rateLimiter';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, retryDelayMs } from '../retry';
import { abortableSleep } from '../sleep';
import { errorBodySchema } from './schemas';

export const LIGHTFIELD_API_VERSION = '2026-03-01';
export const DEFAULT_BASE_URL = 'https://api.lightfield.app';

/** A `Retry-After` longer than this is reported instead of waited out. */
const LONGEST_RETRY_AFTER_SECONDS = 60;

export interface LightfieldHttpOptions {
  baseUrl?: string;
  /** Asked before every call, so a changed key applies at once. */
  getKey: () => Promise<string | undefined> | string | undefined;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  limiter?: RateLimiter;
  /** Receives one line per attempt; never the key. */
  log?: (line: string) => void;
}

export interface RequestSpec<T> {
  method: 'GET' | 'POST';
  path: string;
  category: RateCategory;
  schema: z.ZodType<T>;
  query?: Record<string, string | number>;
  body?: unknown;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/**
 * Sends one logical call: the headers the contract asks for, the client-side rate
 * limit, bounded retries with backoff, and a zod parse of the answer. ofetch's own
 * retry is off because it cannot tell an idempotency conflict from other 409s, nor
 * honour `Retry-After`, nor pass each attempt through the rate limiter.
 */
export class LightfieldHttp {
  readonly baseUrl: string;
  private readonly fetcher: $Fetch;
  private readonly retry: RetryPolicy;
  private readonly limiter: RateLimiter;
  private readonly timeoutMs: number;

  constructor(private readonly options: LightfieldHttpOptions) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.limiter = options.limiter ?? new RateLimiter();
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.fetcher = ofetch.create({ baseURL: this.baseUrl, retry: false, ignoreResponseError: true });
  }

  async request<T>(spec: RequestSpec<T>): Promise<T> {
    const key = await this.options.getKey();
    if (!key) {
      throw new ApiError({ kind: 'config', message: 'No Lightfield API key is set.' });
    }
    const unsafe = unsafeBaseUrlReason(this.baseUrl);
    if (unsafe) {
      throw new ApiError({ kind: 'config', message: unsafe });
    }
    const idempotencyKey = spec.method === 'POST' ? (spec.idempotencyKey ?? randomUUID()) : undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(spec, key, idempotencyKey, attempt);
      } catch (error) {
        const apiError = toApiError(error, key, this.baseUrl, spec.signal);
        const waitSeconds = apiError.retryAfterSeconds ?? 0;
        const retry =
          apiError.retryable && attempt < this.retry.maxAttempts && waitSeconds <= LONGEST_RETRY_AFTER_SECONDS;
        if (!retry) {
          throw apiError;
        }
        if (apiError.status === 429) {
          this.limiter.pause(spec.category, waitSeconds || 1);
        }
        await abortableSleep(retryDelayMs(attempt - 1, this.retry, apiError.retryAfterSeconds), spec.signal).catch(
          () => {
            throw abortedError();
          },
        );
      }
    }
  }

  private async attempt<T>(spec: RequestSpec<T>, key: string, idempotencyKey: string | undefined, attempt: number) {
    await this.limiter.acquire(spec.category, spec.signal);
    const headers: Record<string, string> = {
      Authorization: `Bearer ${key}`,
      'Lightfield-Version': LIGHTFIELD_API_VERSION,
      Accept: 'application/json',
    };
    if (spec.body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (idempotencyKey) {
      headers['Idempotency-Key'] = idempotencyKey;
    }
    const signals = [AbortSignal.timeout(this.timeoutMs), ...(spec.signal ? [spec.signal] : [])];
    const started = Date.now();
    const response: FetchResponse<string> = await this.fetcher.raw(spec.path, {
      method: spec.method,
      query: spec.query,
      body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
      headers,
      signal: AbortSignal.any(signals),
      responseType: 'text',
    });
    this.limiter.observe(spec.category, {
      remaining: numberHeader(response.headers, 'X-RateLimit-Remaining'),
      resetSeconds: numberHeader(response.headers, 'X-RateLimit-Reset'),
    });
    this.options.log?.(
      `${spec.method} ${spec.path} -> ${response.status} (${Date.now() - started} ms, attempt ${attempt})`,
    );
    const text = response._data ?? '';
    if (!response.ok) {
      throw httpError(response.status, text, numberHeader(response.headers, 'Retry-After'));
    }
    return parseBody(text, spec.schema, `${spec.method} ${spec.path}`);
  }
}

function parseBody<T>(text: string, schema: z.ZodType<T>, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError({ kind: 'schema', message: `${what}: the service's answer is not valid JSON.` });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError({
      kind: 'schema',
      message: `${what}: unexpected answer from the service: ${describeSchemaIssues(parsed.error)}`,
    });
  }
  return parsed.data;
}

function httpError(status: number, text: string, retryAfterSeconds: number | undefined): ApiError {
  let body: ReturnType<typeof errorBodySchema.safeParse> | undefined;
  try {
    body = errorBodySchema.safeParse(JSON.parse(text));
  } catch {
    body = undefined;
  }
  const error = body?.success ? body.data : undefined;
  const code = error?.code ?? undefined;
  return new ApiError({
    kind: 'http',
    status,
    type: error?.type,
    code,
    param: error?.param ?? undefined,
    message: error?.message ?? `The service answered HTTP ${status}.`,
    retryable: isRetryableStatus(status, code, error?.type),
    retryAfterSeconds,
  });
}

function toApiError(error: unknown, key: string, baseUrl: string, signal: AbortSignal | undefined): ApiError {
  if (signal?.aborted) {
    return abortedError();
  }
  if (error instanceof ApiError) {
    return new ApiError({ ...error, kind: error.kind, message: redact(error.message, key) });
  }
  const cause = error instanceof Error ? describeNetworkFailure(error) : String(error);
  return new ApiError({
    kind: 'network',
    message: redact(`Could not reach ${baseUrl}: ${cause}`, key),
    retryable: true,
  });
}

function describeNetworkFailure(error: Error): string {
  if (error.name === 'TimeoutError' || /timeout/i.test(error.message)) {
    return 'the request timed out.';
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? error.message;
}

function abortedError(): ApiError {
  return new ApiError({ kind: 'aborted', message: 'The request was cancelled.' });
}

function numberHeader(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') {
    return undefined;
  }
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}
