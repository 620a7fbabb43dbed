import Router from '@koa/router';
import type { Context } from 'koa';
import type { z } from 'zod';
import { roleAtLeast } from '../auth/roles.js';
import { AppError } from '../errors.js';
import { readJsonBody } from './body.js';
import { zodDetails } from './errors.js';
import type { Principal, Route } from './route.js';

export interface RouterDeps {
  /** Resolves the caller from the Authorization header; throws 401 when absent or invalid. */
  authenticate(ctx: Context): Promise<Principal>;
  /** Charges one request to the caller's budget; throws 429 when exhausted (async: shared buckets). */
  rateLimit(ctx: Context, principal: Principal | undefined): void | Promise<void>;
  maxBodyBytes: number;
}

const toKoaPath = (p: string): string => p.replace(/\{(\w+)\}/g, ':$1');

function validate<S extends z.ZodType>(
  schema: S | undefined,
  value: unknown,
  where: string,
): z.output<S> | undefined {
  if (!schema) return undefined;
  const r = schema.safeParse(value);
  if (!r.success) {
    const issues = zodDetails(r.error);
    // The first problem in the message too, so a client that shows only the message says why.
    const first = issues[0];
    const why = first ? `: ${first.path || '(root)'}: ${first.message.slice(0, 200)}` : '';
    throw new AppError('validation_failed', `invalid ${where}${why}`, { details: { in: where, issues } });
  }
  return r.data;
}

/**
 * Mounts every route on a Koa router. Order per request: authenticate -> authorize (role) ->
 * rate limit -> validate params, query, body -> handler. Each route's schemas are the only
 * validation, and the same objects generate the OpenAPI document.
 */
export function buildRouter(routes: readonly Route[], deps: RouterDeps): Router {
  const router = new Router({ prefix: '/api/v1' });
  // Routes that take only some requests of a shared method and path are tried before the rest.
  const ordered = [...routes.filter((r) => r.accepts), ...routes.filter((r) => !r.accepts)];
  for (const route of ordered) {
    router[route.method](toKoaPath(route.path), async (ctx, next) => {
      if (route.accepts && !route.accepts(ctx)) return next();
      let principal: Principal | undefined;
      if (route.auth !== 'public') {
        principal = await deps.authenticate(ctx);
        if (!roleAtLeast(principal.role, route.auth))
          throw new AppError('forbidden', `this action needs the ${route.auth} role or higher`, {
            details: { requiredRole: route.auth, role: principal.role },
          });
      }
      await deps.rateLimit(ctx, principal);
      const params = validate(route.params, ctx.params, 'path parameters');
      const query = validate(route.query, { ...ctx.query }, 'query');
      let body: unknown;
      if ((route.bodyKind ?? 'json') === 'json' && route.method !== 'get' && route.method !== 'delete') {
        const raw = await readJsonBody(ctx, deps.maxBodyBytes);
        if (route.body) {
          if (raw === undefined) throw new AppError('validation_failed', 'a JSON request body is required');
          body = validate(route.body, raw, 'body');
        } else if (
          raw !== undefined &&
          !(typeof raw === 'object' && raw !== null && Object.keys(raw).length === 0)
        ) {
          throw new AppError('validation_failed', 'this endpoint takes no request body');
        }
      }
      ctx.state.principal = principal;
      const input = { params, query, body, ctx, principal } as never;
      const result = await route.handler(input);
      if (ctx.respond === false || ctx.body !== undefined) return;
      ctx.status = result?.status ?? 200;
      for (const [k, v] of Object.entries(result?.headers ?? {})) ctx.set(k, v);
      if (result?.body !== undefined) ctx.body = result.body;
      else if (ctx.status === 200) ctx.status = 204;
    });
  }
  return router;
}
