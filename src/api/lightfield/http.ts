/** What Lightfield's HTTP differs in: bearer auth and a version header, its error bodies, retry rule and rate-limit headers. */
import { type ErrorReading, isServerTrouble, numberHeader, ServiceHttp, type ServiceRules } from '../http';
import type { ProviderOptions } from '../provider';
import { DEFAULT_BASE_URL } from './capabilities';
import { errorBodySchema } from './schemas';

export const LIGHTFIELD_API_VERSION = '2026-03-01';
/** A request location such as `fields.$title` or `relationships.$assignedTo` names a described field; a header does not. */
function fieldOfParam(param: string | undefined): string | undefined {
  return param === undefined ? undefined : /^(?:fields|relationships)\.(.+)$/.exec(param)?.[1];
}

export const lightfieldRules: ServiceRules = {
  name: 'Lightfield',
  headers: (key) => ({ Authorization: `Bearer ${key}`, 'Lightfield-Version': LIGHTFIELD_API_VERSION }),
  readError(_status, body): ErrorReading {
    const parsed = errorBodySchema.safeParse(body);
    // Nothing readable: the shared layer says which service answered which status.
    if (!parsed.success) return { message: '' };
    const { type, message, code, param } = parsed.data;
    const field = fieldOfParam(param ?? undefined);
    return { message, type, code: code ?? undefined, param: param ?? undefined, fieldErrors: field ? { [field]: message } : undefined };
  },
  // The documented rule: 429, 5xx and idempotency conflicts (named in `type` by the bare 409 body, in `code` by the wrapped one).
  // And 408, as Lightfield's Go SDK does: the service gave up waiting for the request, so it did not act on it.
  retryable: (status, error) => (status === 409 ? error.code === 'idempotency_conflict' || error.type === 'idempotency_conflict' : status === 408 || isServerTrouble(status)),
  rateLimit(headers) {
    const remaining = numberHeader(headers, 'X-RateLimit-Remaining');
    const reset = numberHeader(headers, 'X-RateLimit-Reset');
    // The limit is read, not assumed: the docs' own example says 5, and limits "are subject to change".
    return remaining === undefined || reset === undefined ? undefined : { remaining, resetAt: reset * 1000, limit: numberHeader(headers, 'X-RateLimit-Limit') };
  },
  idempotencyHeader: 'Idempotency-Key',
  // 25 per second per category as documented, or the service's X-RateLimit-Limit where lower (the limiter widens the window until the headers say where the service's seconds fall).
  budget: { perWindow: 25, windowMs: 1000 },
};

export function lightfieldHttp(options: ProviderOptions): ServiceHttp {
  return new ServiceHttp(lightfieldRules, { ...options, baseUrl: options.baseUrl ?? DEFAULT_BASE_URL });
}
