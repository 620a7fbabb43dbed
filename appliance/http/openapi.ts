import { z } from 'zod';
import type { Route } from './route.js';

type JsonObject = Record<string, unknown>;

const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

function schemaOf(s: z.ZodType, io: 'input' | 'output'): JsonObject {
  const json = z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonObject;
  delete json.$schema;
  return json;
}

function parametersOf(s: z.ZodType | undefined, where: 'path' | 'query'): JsonObject[] {
  if (!s) return [];
  const json = schemaOf(s, 'input');
  const props = (json.properties ?? {}) as Record<string, JsonObject>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, schema]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema,
    ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
  }));
}

/**
 * The OpenAPI 3.1 document, generated from the very schemas the router validates with, so the
 * published contract cannot drift from what the server enforces.
 */
export function buildOpenApi(routes: readonly Route[], info: { version: string }): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const r of routes) {
    const responses: JsonObject = {};
    for (const [status, spec] of Object.entries(r.responses)) {
      responses[status] = {
        description: spec.description,
        ...(spec.schema
          ? {
              content: {
                [spec.contentType ?? 'application/json']: { schema: schemaOf(spec.schema, 'output') },
              },
            }
          : spec.contentType
            ? { content: { [spec.contentType]: {} } }
            : {}),
      };
    }
    const errorRef = {
      description: 'error',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
    responses['4XX'] = errorRef;
    responses['5XX'] = errorRef;
    const op: JsonObject = {
      operationId: `${r.method}${r.path.replace(/[{}]/g, '').replace(/[/-](\w)/g, (_m, c: string) => c.toUpperCase())}`,
      summary: r.summary,
      tags: [r.tag],
      parameters: [...parametersOf(r.params, 'path'), ...parametersOf(r.query, 'query')],
      responses,
      ...(r.auth === 'public' ? { security: [] } : { 'x-required-role': r.auth }),
    };
    if (r.body && (r.bodyKind ?? 'json') === 'json')
      op.requestBody = {
        required: true,
        content: { 'application/json': { schema: schemaOf(r.body, 'input') } },
      };
    else if (r.bodyKind === 'raw')
      op.requestBody = { required: true, content: { [r.rawContentType ?? 'application/octet-stream']: {} } };
    const shared = (paths[r.path] ??= {})[r.method] as JsonObject | undefined;
    if (shared) {
      // Two routes on one method and path (one `accepts` some requests): one operation, both bodies.
      const body = (shared.requestBody ?? { required: true, content: {} }) as { content: JsonObject };
      const mine = (op.requestBody as { content?: JsonObject } | undefined)?.content ?? {};
      shared.requestBody = { ...body, content: { ...body.content, ...mine } };
      shared.description = [shared.description, `Also: ${r.summary}`].filter(Boolean).join(' ');
      continue;
    }
    (paths[r.path] ??= {})[r.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Voice appliance business API',
      version: info.version,
      description:
        'Business and agent API of the on-prem voice-agent appliance. Authenticate with `Authorization: Bearer <access token>` (from /auth/login) or `Authorization: Bearer <API key>` (keys start with `vak_`). Errors are `{ "error": { "code", "message", "details" } }`.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'JWT access token or API key' },
      },
      schemas: { Error: schemaOf(errorSchema, 'output') },
    },
    paths,
  };
}
