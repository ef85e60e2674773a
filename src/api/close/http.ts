/** What Close's HTTP differs in: Basic auth with the key as user name, `error`/`field-errors` bodies, a `RateLimit` header per endpoint group. */
import { type ErrorReading, isServerTrouble, ServiceHttp, type ServiceRules } from '../http';
import type { ProviderOptions } from '../provider';
import { closeErrorSchema } from './schemas';

export const DEFAULT_CLOSE_BASE_URL = 'https://api.close.com/api/v1';

/** `limit=100, remaining=50, reset=5` (the RFC draft's format; `reset` in seconds from now). */
export function parseRateLimit(value: string | null): { limit?: number; remaining?: number; reset?: number } {
  const parts: Record<string, number> = {};
  for (const [, name, number] of (value ?? '').matchAll(/(\w+)\s*=\s*(\d+(?:\.\d+)?)/g)) parts[name.toLowerCase()] = Number(number);
  return { limit: parts.limit, remaining: parts.remaining, reset: parts.reset };
}

export const closeRules: ServiceRules = {
  name: 'Close',
  // The key is the user name, the password empty.
  headers: (key) => ({ Authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` }),
  readError(status, body): ErrorReading {
    const parsed = closeErrorSchema.safeParse(body);
    if (!parsed.success) return { message: `The service answered HTTP ${status}.` };
    const { error, rate_reset: rateReset } = parsed.data;
    const fieldErrors = Object.fromEntries(Object.entries(parsed.data['field-errors'] ?? {}).map(([key, text]) => [key, Array.isArray(text) ? text.join(' ') : text]));
    const summary = typeof error === 'string' ? error : (error?.message ?? `The service answered HTTP ${status}.`);
    const details = Object.entries(fieldErrors).map(([key, text]) => `${key}: ${text}`);
    return {
      message: details.length > 0 ? details.join('; ') : summary,
      fieldErrors: details.length > 0 ? fieldErrors : undefined,
      // Deprecated since April 2024, and read only when no `Retry-After` header came.
      retryAfterSeconds: rateReset ?? undefined,
    };
  },
  retryable: (status) => isServerTrouble(status),
  rateLimit(headers, now) {
    const { limit, remaining, reset } = parseRateLimit(headers.get('RateLimit'));
    return remaining === undefined || reset === undefined ? undefined : { remaining, resetAt: now + reset * 1000, limit };
  },
  // Close publishes no fixed budget for a client to keep; its `RateLimit` header paces every group.
  budget: { perWindow: Number.POSITIVE_INFINITY, windowMs: 1000 },
};

export function closeHttp(options: ProviderOptions): ServiceHttp {
  return new ServiceHttp(closeRules, { ...options, baseUrl: options.baseUrl ?? DEFAULT_CLOSE_BASE_URL });
}
