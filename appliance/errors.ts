/**
 * The appliance's error taxonomy. Every error that crosses a boundary (HTTP, SIP, jobs) is an
 * AppError with fields code can act on: the HTTP status, a stable machine code, whether a retry
 * may succeed, and the SIP status to use when the failure happens during call admission.
 */
export const errorCodes = [
  'bad_request',
  'validation_failed',
  'malformed_json',
  'unsupported_media_type',
  'payload_too_large',
  'unauthenticated',
  'invalid_credentials',
  'token_expired',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'not_implemented',
  'conflict',
  'rate_limited',
  'too_many_attempts',
  'plan_limit_reached',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

const defaults: Record<ErrorCode, { httpStatus: number; retryable: boolean; sipStatus?: number }> = {
  bad_request: { httpStatus: 400, retryable: false },
  validation_failed: { httpStatus: 400, retryable: false },
  malformed_json: { httpStatus: 400, retryable: false },
  unsupported_media_type: { httpStatus: 415, retryable: false },
  payload_too_large: { httpStatus: 413, retryable: false },
  unauthenticated: { httpStatus: 401, retryable: false },
  invalid_credentials: { httpStatus: 401, retryable: false },
  token_expired: { httpStatus: 401, retryable: false },
  forbidden: { httpStatus: 403, retryable: false, sipStatus: 403 },
  not_found: { httpStatus: 404, retryable: false, sipStatus: 404 },
  method_not_allowed: { httpStatus: 405, retryable: false },
  not_implemented: { httpStatus: 501, retryable: false },
  conflict: { httpStatus: 409, retryable: false },
  rate_limited: { httpStatus: 429, retryable: true },
  too_many_attempts: { httpStatus: 429, retryable: true },
  plan_limit_reached: { httpStatus: 402, retryable: false, sipStatus: 403 },
  unavailable: { httpStatus: 503, retryable: true, sipStatus: 503 },
  internal: { httpStatus: 500, retryable: true, sipStatus: 500 },
};

export interface AppErrorOptions {
  details?: unknown;
  retryAfterS?: number;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly httpStatus: number;
  readonly retryable: boolean;
  readonly sipStatus: number | undefined;
  readonly details: unknown;
  /** Seconds a client should wait before retrying (429/503); sent as Retry-After. */
  readonly retryAfterS: number | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    const d = defaults[code];
    this.code = code;
    this.httpStatus = d.httpStatus;
    this.retryable = d.retryable;
    this.sipStatus = d.sipStatus;
    this.details = options.details;
    this.retryAfterS = options.retryAfterS;
  }
}

/**
 * How an error answers a SIP request (call admission): its SIP status (500 when the code has
 * none), the message as reason phrase, and Retry-After only for errors a peer may retry.
 */
export function sipRejection(e: AppError): { status: number; reason: string; retryAfterS?: number } {
  return {
    status: e.sipStatus ?? 500,
    reason: e.message,
    ...(e.retryable && e.retryAfterS !== undefined ? { retryAfterS: e.retryAfterS } : {}),
  };
}

export const notFound = (what: string): AppError => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'not allowed for your role'): AppError =>
  new AppError('forbidden', message);
export const conflict = (message: string, details?: unknown): AppError =>
  new AppError('conflict', message, { details });
