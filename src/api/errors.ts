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

/** Removes every occurrence of `secret` from `text`, whatever produced the text. */
export function redact(text: string, secret: string | undefined): string {
  if (!secret) {
    return text;
  }
  return text.split(secret).join('[redacted]');
}
