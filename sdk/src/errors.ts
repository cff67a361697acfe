// Every failure the SDK reports: the server's error model ({ error: { code, message, details? } }) with
// its HTTP status, or, with status 0, Control Room not reached at all (code "unreachable" or "timeout").
export class ControlRoomError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  /** The server's Retry-After, in milliseconds, when it sent one (429, 503). */
  readonly retryAfterMs: number | undefined;

  constructor(options: { status: number; code: string; message: string; details?: unknown; retryAfterMs?: number; cause?: unknown }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ControlRoomError";
    this.status = options.status;
    this.code = options.code;
    this.details = options.details;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** True when Control Room could not be reached or could not answer (network, timeout, 429 or 5xx after the retries). */
  get unavailable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

export const isControlRoomError = (error: unknown): error is ControlRoomError => error instanceof ControlRoomError;
