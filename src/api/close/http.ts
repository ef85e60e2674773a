/** What Close's HTTP differs in: Basic auth with the key as user name, `error`/`field-errors` bodies, a `RateLimit` header per endpoint group. */
import { type ErrorReading, isServerTrouble, ServiceHttp, type ServiceRules } from '../http';
import type { ProviderOptions } from '../provider';
import { hoursFromUtc } from '../../shared/dueDates';
import { DEFAULT_CLOSE_BASE_URL } from './capabilities';
import { closeErrorSchema } from './schemas';

/** `limit=100, remaining=50, reset=5` (the RFC draft's format; `reset` in seconds from now). */
export function parseRateLimit(value: string | null): { limit?: number; remaining?: number; reset?: number } {
  const parts: Record<string, number> = {};
  for (const [, name, number] of (value ?? '').matchAll(/(\w+)\s*=\s*(\d+(?:\.\d+)?)/g)) parts[name.toLowerCase()] = Number(number);
  return { limit: parts.limit, remaining: parts.remaining, reset: parts.reset };
}

/** The words of an `error` or `errors` part: a string, a `message`, or a list of either. */
function messages(part: unknown): string[] {
  if (typeof part === 'string') return part.trim() ? [part] : [];
  if (Array.isArray(part)) return part.flatMap(messages);
  if (part && typeof part === 'object' && 'message' in part) return messages(part.message);
  return [];
}

/** Every message in a `field-errors` value, with its path: lists joined, nested `errors` and `field-errors` walked. */
function fieldMessages(value: unknown, path: string[]): [string[], string][] {
  if (typeof value === 'string') return path.length > 0 && value.trim() ? [[path, value]] : [];
  if (Array.isArray(value)) {
    const texts = value.filter((item): item is string => typeof item === 'string');
    return [...(texts.length > 0 && path.length > 0 ? [[path, texts.join(' ')] as [string[], string]] : []), ...value.filter((item) => typeof item === 'object').flatMap((item) => fieldMessages(item, path))];
  }
  if (!value || typeof value !== 'object') return [];
  // `errors` and `field-errors` are containers, not names: the path goes on without them.
  return Object.entries(value).flatMap(([key, inner]) => fieldMessages(inner, key === 'errors' || key === 'field-errors' ? path : [...path, key]));
}

function rateResetIn(error: unknown): number | undefined {
  const reset = error && typeof error === 'object' ? (error as { rate_reset?: unknown }).rate_reset : undefined;
  return typeof reset === 'number' && Number.isFinite(reset) ? reset : undefined;
}

export const closeRules: ServiceRules = {
  name: 'Close',
  // The key is the user name, the password empty. The offset, as Close's own client sends it, makes date filters and views follow the user's day; worked out per request, as it changes with summer time.
  headers: (key) => ({ Authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`, 'X-TZ-Offset': hoursFromUtc() }),
  readError(status, body): ErrorReading {
    const parsed = closeErrorSchema.safeParse(body);
    if (!parsed.success) return { message: '' };
    const { error, errors, rate_reset: rateReset } = parsed.data;
    const fieldErrors: Record<string, string> = {};
    for (const [path, text] of fieldMessages(parsed.data['field-errors'], [])) {
      // A described field is named by the first key; the rest of the path says where inside it.
      const [field, ...inside] = path;
      fieldErrors[field] = [fieldErrors[field], inside.length > 0 ? `${inside.join(' ')}: ${text}` : text].filter(Boolean).join(' ');
    }
    const details = Object.entries(fieldErrors).map(([key, text]) => `${key}: ${text}`);
    // `error` is often only "Invalid request.": where the fields or the `errors` list say why, they are the message.
    const message = (details.length > 0 ? [...messages(errors), ...details] : [...messages(error), ...messages(errors)]).join('; ');
    return {
      // 402: the plan's limit, which no retry or edit here lifts.
      message: status === 402 ? `Your Close plan does not allow this (402)${message ? `: ${message}` : '.'}` : message,
      fieldErrors: details.length > 0 ? fieldErrors : undefined,
      // Deprecated since April 2024 (at the top, or inside `error` in the oldest form), read only when no `Retry-After` header came.
      retryAfterSeconds: rateReset ?? rateResetIn(error),
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
