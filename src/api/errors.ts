/**
 * - `http`: the service answered with an error status (see `status`, `type`, `code`, `param`).
 * - `network`: no answer: connection refused or dropped, DNS, timeout.
 * - `schema`: an answer whose JSON or shape is not what the contract says.
 * - `aborted`: the caller cancelled.
 * - `config`: the request was refused before sending (no key, unsafe URL).
 */
export type ApiErrorKind = 'http' | 'network' | 'schema' | 'aborted' | 'config';

export interface ApiErrorDetails {
  kind: ApiErrorKind;
  message: string;
  status?: number;
  type?: string;
  code?: string;
  param?: string;
  /** Messages by described field key, for the editor to show at the fields. */
  fieldErrors?: Record<string, string>;
  retryable?: boolean;
  /** Seconds the service asked us to wait (`Retry-After`). */
  retryAfterSeconds?: number;
  /** An earlier attempt of the same call ended in a way that may have applied it. */
  earlierAttemptUnknown?: boolean;
}

/** The one error every provider call throws. Its text never holds the API key. */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status?: number;
  readonly type?: string;
  readonly code?: string;
  readonly param?: string;
  readonly fieldErrors?: Record<string, string>;
  readonly retryable: boolean;
  readonly retryAfterSeconds?: number;
  readonly earlierAttemptUnknown: boolean;

  constructor(details: ApiErrorDetails) {
    super(details.message);
    this.name = 'ApiError';
    this.kind = details.kind;
    this.status = details.status;
    this.type = details.type;
    this.code = details.code;
    this.param = details.param;
    this.fieldErrors = details.fieldErrors;
    this.retryable = details.retryable ?? false;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.earlierAttemptUnknown = details.earlierAttemptUnknown ?? false;
  }
}

/**
 * Whether a write that failed this way may have been applied all the same: no
 * answer, an answer cut short, or a 5xx (the service may have failed after the
 * write), in its last attempt or an earlier one (a retry refused with a 429 says
 * nothing of the attempt before it). Such a failure is confirmed by reading
 * before it is reported.
 */
export function isOutcomeUnknown(error: ApiError): boolean {
  return error.earlierAttemptUnknown || error.kind === 'network' || (error.kind === 'schema' && error.retryable) || (error.kind === 'http' && (error.status ?? 0) >= 500);
}

/** The `code` of an error saying the service cannot filter a list as asked: the caller lists everything and filters itself. */
export const FILTER_UNSUPPORTED = 'filter_unsupported';

export function isFilterUnsupported(error: unknown): error is ApiError {
  return error instanceof ApiError && error.code === FILTER_UNSUPPORTED;
}

/** For a delete: a task the service no longer has (a 404) is as deleted as one it just deleted. */
export function alreadyGone(error: unknown): void {
  if (error instanceof ApiError && error.kind === 'http' && error.status === 404) return;
  throw error;
}

/** What a failed zod parse reports. */
export interface SchemaIssues {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}

/** The same error, marked as following an attempt that may have been applied. */
export function afterUnknownAttempt(error: ApiError): ApiError {
  if (error.earlierAttemptUnknown) return error;
  const marked = new ApiError({ ...error, message: error.message, earlierAttemptUnknown: true });
  marked.stack = error.stack;
  return marked;
}

/** Names the path of every schema problem, e.g. `data[3].fields.title.valueType: expected ...`. */
export function describeSchemaIssues(error: SchemaIssues, limit = 3): string {
  const lines = error.issues.slice(0, limit).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  const more = error.issues.length > limit ? ` (and ${error.issues.length - limit} more)` : '';
  return lines.join('; ') + more;
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) {
    return '(root)';
  }
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

const REDACTED = '[redacted]';

/**
 * Every form in which a client sends `key` or a server may echo it: as written,
 * URL-encoded, and base64 as in HTTP Basic credentials (`key:`, and the bare key;
 * standard and URL-safe alphabets, unpadded, so a padded copy loses its body too).
 * Longest first, so no form leaves part of a longer one behind.
 */
export function secretForms(key: string): string[] {
  const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64').replace(/=+$/, '');
  const encoded = [`${key}:`, key].map(base64);
  const forms = [key, encodeURIComponent(key), ...encoded, ...encoded.map((text) => text.replace(/\+/g, '-').replace(/\//g, '_'))];
  return [...new Set(forms)].filter(Boolean).sort((a, b) => b.length - a.length);
}

/** Removes every occurrence of every form of `key` from `text`, whatever produced the text. */
export function redact(text: string, key: string | undefined): string {
  return key ? redactForms(text, secretForms(key)) : text;
}

function redactForms(text: string, forms: readonly string[]): string {
  return forms.reduce((rest, form) => rest.split(form).join(REDACTED), text);
}

/** The same error with every string it carries (message, type, code, param, field errors) redacted of `key`. */
export function redactError(error: ApiError, key: string): ApiError {
  // The forms are worked out once for every string of the error.
  const forms = secretForms(key);
  const clean = (text: string | undefined) => (text === undefined ? undefined : redactForms(text, forms));
  const fieldErrors = error.fieldErrors && Object.fromEntries(Object.entries(error.fieldErrors).map(([field, text]) => [redactForms(field, forms), redactForms(text, forms)]));
  return new ApiError({
    ...error,
    kind: error.kind,
    message: redactForms(error.message, forms),
    type: clean(error.type),
    code: clean(error.code),
    param: clean(error.param),
    fieldErrors,
  });
}

/** The one words for a call made while no service is connected. */
export const NOT_SIGNED_IN = 'Not signed in.';
