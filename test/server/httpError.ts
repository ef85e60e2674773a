/** The documented error body, thrown inside the server and rendered by the router. */
const TYPES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  415: 'unsupported_media_type',
  422: 'unprocessable_content',
  429: 'too_many_requests',
  500: 'internal_server_error',
  503: 'service_unavailable',
};

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    readonly param?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  /**
   * As the pages print it: wrapped in `error` (errors page), except the 409 of an
   * idempotency conflict and the 429 of the rate limit, whose pages print a bare
   * `{ type, message }` (the conflict's type is its code).
   */
  get body() {
    if (this.status === 409 || this.status === 429) {
      return { type: this.code ?? TYPES[this.status], message: this.message };
    }
    return {
      error: {
        type: TYPES[this.status] ?? 'internal_server_error',
        message: this.message,
        ...(this.code ? { code: this.code } : {}),
        ...(this.param ? { param: this.param } : {}),
      },
    };
  }
}
