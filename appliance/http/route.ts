import type { Context } from 'koa';
import type { z } from 'zod';
import type { Role } from '../auth/roles.js';
import type { ApiKeyId, BusinessId, UserId } from '../ids.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who is calling: a signed-in user or an API key, always inside exactly one business. */
export type Principal =
  | {
      kind: 'user';
      businessId: BusinessId;
      userId: UserId;
      role: Role;
      /** When this session's sign-in checked the password, epoch s (fresh-login checks). */
      authTimeS?: number;
    }
  | {
      kind: 'api_key';
      businessId: BusinessId;
      keyId: ApiKeyId;
      /** The key's effective role: its own, capped by its owner's current role. */
      role: Role;
      /** The human the key's rights derive from (`api_keys.owner_user_id`). */
      ownerUserId?: UserId;
    };

type AnySchema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  ctx: Context;
}

export interface AuthedInput<P, Q, B> extends RouteInput<P, Q, B> {
  principal: Principal;
}

export interface ResponseSpec {
  description: string;
  schema?: AnySchema;
  /** Non-JSON media types (CSV, audio): documented, not validated. */
  contentType?: string;
}

/** The result of a handler: a status (default 200) and a JSON body, or raw for streams/CSV. */
export type RouteResult = { status?: number; body?: unknown; headers?: Record<string, string> } | undefined;

interface RouteBase<PS, QS, BS> {
  method: HttpMethod;
  /** OpenAPI-style path under /api/v1, e.g. `/agents/{id}`. */
  path: string;
  summary: string;
  tag: string;
  params?: PS;
  query?: QS;
  body?: BS;
  /** 'json' (default) parses and validates; 'raw' leaves the request stream to the handler. */
  bodyKind?: 'json' | 'raw';
  /** Documented request media type when bodyKind is 'raw'. */
  rawContentType?: string;
  /**
   * Shares its method and path with another route and takes only the requests this accepts (the
   * others fall through to that route): e.g. Twilio's signed form posts on `/voice/webhook`.
   * Such routes are tried first; OpenAPI documents both under one operation.
   */
  accepts?: (ctx: Context) => boolean;
  responses: Record<number, ResponseSpec>;
}

export interface PublicRoute<PS, QS, BS> extends RouteBase<PS, QS, BS> {
  auth: 'public';
  handler(input: RouteInput<Infer<PS>, Infer<QS>, Infer<BS>>): Promise<RouteResult>;
}

export interface AuthedRoute<PS, QS, BS> extends RouteBase<PS, QS, BS> {
  /** The least role that may call this route. */
  auth: Role;
  handler(input: AuthedInput<Infer<PS>, Infer<QS>, Infer<BS>>): Promise<RouteResult>;
}

export type Route =
  | PublicRoute<AnySchema | undefined, AnySchema | undefined, AnySchema | undefined>
  | AuthedRoute<AnySchema | undefined, AnySchema | undefined, AnySchema | undefined>;

/** Identity helpers that keep each route's handler typed by its own schemas. */
export function publicRoute<
  PS extends AnySchema | undefined = undefined,
  QS extends AnySchema | undefined = undefined,
  BS extends AnySchema | undefined = undefined,
>(r: PublicRoute<PS, QS, BS>): Route {
  return r as unknown as Route;
}

export function authedRoute<
  PS extends AnySchema | undefined = undefined,
  QS extends AnySchema | undefined = undefined,
  BS extends AnySchema | undefined = undefined,
>(r: AuthedRoute<PS, QS, BS>): Route {
  return r as unknown as Route;
}
