import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AppError } from '../errors.js';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** The one place errors become HTTP responses: `{ "error": { code, message, details } }`. */
export function errorMiddleware(log: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        throw new AppError('not_found', `no route for ${ctx.method} ${ctx.path}`);
      }
    } catch (err) {
      const appErr = toAppError(err);
      if (appErr.code === 'internal') log.error({ err }, 'unhandled error in request');
      ctx.status = appErr.httpStatus;
      if (appErr.retryable && appErr.retryAfterS !== undefined)
        ctx.set('Retry-After', String(appErr.retryAfterS));
      const body: ErrorBody = { error: { code: appErr.code, message: appErr.message } };
      if (appErr.details !== undefined) body.error.details = appErr.details;
      ctx.body = body;
    }
  };
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  // The client went away mid-request: nothing to answer and nothing wrong on our side.
  if (
    typeof err === 'object' &&
    err !== null &&
    'code' in err &&
    (err.code === 'ECONNRESET' || err.code === 'ECONNABORTED')
  )
    return new AppError('bad_request', 'client closed the request');
  if (err instanceof z.ZodError)
    return new AppError('validation_failed', 'request failed validation', { details: zodDetails(err) });
  const status = typeof err === 'object' && err !== null && 'status' in err ? Number(err.status) : 500;
  const message = err instanceof Error ? err.message : 'error';
  // Koa/router HttpErrors (405/501 from allowedMethods, 400 from a bad URI) keep their status.
  if (status === 405) return new AppError('method_not_allowed', message);
  if (status === 501) return new AppError('not_implemented', message);
  if (status === 413) return new AppError('payload_too_large', message);
  if (status === 415) return new AppError('unsupported_media_type', message);
  if (status >= 400 && status < 500) return new AppError('bad_request', message);
  return new AppError('internal', 'internal error', { cause: err });
}

export function zodDetails(err: z.ZodError): { path: string; message: string; code: string }[] {
  return err.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message, code: i.code }));
}
