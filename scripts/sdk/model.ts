/**
 * The OpenAPI document reduced to what an SDK generator needs: one `SdkOperation` per method and
 * path, with its parameters, the kind of request body it takes and the kind of answer it gives.
 * Every language generator (typescript.ts, python.ts, java.ts) reads this, so they agree on names
 * and on which operations upload files or download bytes.
 */
export type Json = Record<string, unknown>;

export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * How the request carries its body. `multipart`: files (knowledge upload); `form`:
 * application/x-www-form-urlencoded only (provider call-status callbacks); JSON wins when both
 * JSON and another type are accepted.
 */
export type BodyKind = 'none' | 'json' | 'multipart' | 'form';

/** What a success answer holds: parsed JSON, raw bytes (recording audio), or nothing (204). */
export type ResponseKind = 'json' | 'binary' | 'none';

export interface SdkParam {
  name: string;
  required: boolean;
  schema: unknown;
  description?: string;
}

export interface SdkOperation {
  /** operationId, e.g. `postAgentsIdChat` (appliance/http/openapi.ts makes it from method + path). */
  id: string;
  method: string;
  /** Path below the API prefix, with `{name}` placeholders, e.g. `/agents/{id}/chat`. */
  path: string;
  summary: string;
  tag: string;
  /** `public` for routes without a token, else the least role the route needs. */
  role: string;
  pathParams: SdkParam[];
  queryParams: SdkParam[];
  body: BodyKind;
  /** JSON body schema when `body` is `json`. */
  bodySchema?: unknown;
  response: ResponseKind;
  /** Schemas of the 2xx JSON answers (usually one; knowledge upload answers 200 or 201 alike). */
  responseSchemas: unknown[];
}

export interface SdkModel {
  title: string;
  version: string;
  /** Path prefix every operation path sits under (`servers[0].url`, `/api/v1`). */
  prefix: string;
  operations: SdkOperation[];
}

interface RawOperation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: unknown[];
  'x-required-role'?: string;
  parameters?: Array<{
    name: string;
    in: string;
    required?: boolean;
    schema?: unknown;
    description?: string;
  }>;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

const camel = (s: string): string =>
  s.replace(/[^A-Za-z0-9]+([A-Za-z0-9])/g, (_m, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, '');

function bodyOf(op: RawOperation): { kind: BodyKind; schema?: unknown } {
  const content = op.requestBody?.content;
  if (!content) return { kind: 'none' };
  const json = content['application/json'];
  if (json) return { kind: 'json', schema: json.schema ?? true };
  if (content['multipart/form-data']) return { kind: 'multipart' };
  if (content['application/x-www-form-urlencoded']) return { kind: 'form' };
  return { kind: 'none' };
}

function responseOf(op: RawOperation): { kind: ResponseKind; schemas: unknown[] } {
  const ok = Object.keys(op.responses ?? {})
    .filter((s) => /^2\d\d$/.test(s))
    .sort();
  const schemas: unknown[] = [];
  let binary = false;
  for (const status of ok) {
    const content = op.responses?.[status]?.content ?? {};
    const json = content['application/json'];
    if (json) schemas.push(json.schema ?? true);
    else if (Object.keys(content).length > 0) binary = true;
  }
  if (schemas.length > 0) return { kind: 'json', schemas };
  return { kind: binary ? 'binary' : 'none', schemas };
}

/** Operations sorted by path then method, so generated files do not move when routes are reordered. */
export function sdkModel(doc: Json): SdkModel {
  const info = isObj(doc.info) ? doc.info : {};
  const servers = Array.isArray(doc.servers) ? doc.servers : [];
  const first: unknown = servers[0];
  const prefix = isObj(first) && typeof first.url === 'string' ? first.url : '';
  const operations: SdkOperation[] = [];
  const paths = isObj(doc.paths) ? doc.paths : {};
  for (const [p, item] of Object.entries(paths).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!isObj(item)) continue;
    for (const method of METHODS) {
      const op = item[method] as RawOperation | undefined;
      if (!op) continue;
      const params = (where: string): SdkParam[] =>
        (op.parameters ?? [])
          .filter((x) => x.in === where)
          .map((x) => ({
            name: x.name,
            required: where === 'path' || x.required === true,
            schema: x.schema,
            ...(x.description ? { description: x.description } : {}),
          }));
      const body = bodyOf(op);
      const response = responseOf(op);
      operations.push({
        id: op.operationId ?? camel(`${method} ${p}`),
        method: method.toUpperCase(),
        path: p,
        summary: op.summary ?? '',
        tag: op.tags?.[0] ?? 'default',
        role:
          Array.isArray(op.security) && op.security.length === 0 ? 'public' : (op['x-required-role'] ?? ''),
        pathParams: params('path'),
        queryParams: params('query'),
        body: body.kind,
        ...(body.kind === 'json' ? { bodySchema: body.schema } : {}),
        response: response.kind,
        responseSchemas: response.schemas,
      });
    }
  }
  return {
    title: typeof info.title === 'string' ? info.title : 'API',
    version: typeof info.version === 'string' ? info.version : '0',
    prefix,
    operations,
  };
}

/** `postAgentsIdChat` -> `PostAgentsIdChat` (type names). */
export const pascal = (id: string): string => id.charAt(0).toUpperCase() + id.slice(1);

/** `postAgentsIdChat` -> `post_agents_id_chat` (Python names). */
export const snake = (id: string): string =>
  id
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toLowerCase();

/** One-line text for a doc comment: no comment terminators, no line breaks. */
export const oneLine = (s: string): string => s.replace(/\s+/g, ' ').replace(/\*\//g, '* /').trim();
