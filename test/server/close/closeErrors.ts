/** Close's refusals as its reference shows them: `error`, an `errors` list and `field-errors`. */

export class CloseError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors?: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  get body(): unknown {
    return { error: this.message, errors: [], 'field-errors': this.fieldErrors ?? {} };
  }
}

/** A 429, its body in the documented place: `rate_reset` (seconds) inside `error`, beside the window it counts. */
export class CloseRateLimited extends CloseError {
  constructor(
    readonly limit: number,
    readonly windowSeconds: number,
    readonly resetSeconds: number,
    headers: Record<string, string>,
  ) {
    super(429, `API call count exceeded for this ${windowSeconds} second window`, undefined, headers);
  }

  override get body(): unknown {
    return { error: { message: this.message, rate_reset: this.resetSeconds, rate_limit: this.limit, rate_window: this.windowSeconds } };
  }
}

/** A refusal with field errors, where there are any. */
export function refuseIfAny(errors: Record<string, unknown>): void {
  if (Object.keys(errors).length > 0) throw new CloseError(400, 'Invalid request.', errors);
}
