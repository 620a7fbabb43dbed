/**
 * OpenAPI 3.1 document -> TypeScript declarations for the admin UI. The document is generated
 * from the zod schemas the router validates with (appliance/http/openapi.ts), so the UI's types
 * come from the same source as the server's checks and cannot drift.
 *
 * Only the JSON Schema subset zod's `toJSONSchema` emits is handled (type, enum, const,
 * properties/required/additionalProperties, items/prefixItems, anyOf/oneOf/allOf, $ref into
 * components or $defs); anything else becomes `unknown`, never `any`.
 */
type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const ident = (name: string): string => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));
const pascal = (s: string): string =>
  s.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_m, _p, c: string) => c.toUpperCase());

/** Named schemas become `Api<Name>` so they never shadow a global (`Error`). */
const typeName = (name: string): string => `Api${pascal(name)}`;

/** One schema as a TypeScript type expression; `indent` is the current nesting. */
export function schemaToTs(schema: unknown, indent = ''): string {
  if (schema === true || schema === undefined) return 'unknown';
  if (schema === false) return 'never';
  if (!isObj(schema)) return 'unknown';
  if (typeof schema.$ref === 'string') {
    return typeName(schema.$ref.split('/').pop() ?? 'unknown');
  }
  if ('const' in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(' | ') || 'never';
  for (const key of ['anyOf', 'oneOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list)) return union(list.map((s) => schemaToTs(s, indent)));
  }
  if (Array.isArray(schema.allOf)) return schema.allOf.map((s) => wrap(schemaToTs(s, indent))).join(' & ');
  const type = schema.type;
  if (Array.isArray(type)) return union(type.map((ty) => schemaToTs({ ...schema, type: ty }, indent)));
  switch (type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array': {
      if (Array.isArray(schema.prefixItems)) {
        return `[${schema.prefixItems.map((s) => schemaToTs(s, indent)).join(', ')}]`;
      }
      return `${wrap(schemaToTs(schema.items, indent))}[]`;
    }
    case 'object':
      return objectToTs(schema, indent);
    default:
      return isObj(schema.properties) ? objectToTs(schema, indent) : 'unknown';
  }
}

function objectToTs(schema: Json, indent: string): string {
  const props = isObj(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const inner = `${indent}  `;
  const lines: string[] = [];
  for (const [name, sub] of Object.entries(props)) {
    const doc =
      isObj(sub) && typeof sub.description === 'string'
        ? `${inner}/** ${sub.description.replace(/\*\//g, '* /')} */\n`
        : '';
    lines.push(`${doc}${inner}${ident(name)}${required.has(name) ? '' : '?'}: ${schemaToTs(sub, inner)};`);
  }
  const extra = schema.additionalProperties;
  if (extra !== undefined && extra !== false) {
    lines.push(`${inner}[key: string]: ${extra === true ? 'unknown' : schemaToTs(extra, inner)};`);
  }
  if (lines.length === 0) return extra === false ? 'Record<string, never>' : 'Record<string, unknown>';
  return `{\n${lines.join('\n')}\n${indent}}`;
}

function union(parts: string[]): string {
  const unique = [...new Set(parts)];
  return unique.length === 0 ? 'never' : unique.map(wrap).join(' | ');
}

/** Parenthesise unions and intersections where they become an operand (`(A | B)[]`). */
function wrap(t: string): string {
  return /^[^{[(]*[|&]/.test(t) && !t.startsWith('{') ? `(${t})` : t;
}

interface Operation {
  operationId?: string;
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: unknown }>;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

function params(op: Operation, where: 'path' | 'query', indent: string): string {
  const list = (op.parameters ?? []).filter((p) => p.in === where);
  if (list.length === 0) return 'Record<string, never>';
  const inner = `${indent}  `;
  const lines = list.map(
    (p) => `${inner}${ident(p.name)}${p.required ? '' : '?'}: ${schemaToTs(p.schema, inner)};`,
  );
  return `{\n${lines.join('\n')}\n${indent}}`;
}

function jsonSchemaOf(content: Record<string, { schema?: unknown }> | undefined): unknown {
  if (!content) return undefined;
  const json = content['application/json'];
  return json ? (json.schema ?? true) : undefined;
}

/** The success response: the lowest 2xx status with a JSON body, else `void`. */
function responseOf(op: Operation, indent: string): string {
  const ok = Object.keys(op.responses ?? {})
    .filter((s) => /^2\d\d$/.test(s))
    .sort();
  for (const status of ok) {
    const schema = jsonSchemaOf(op.responses?.[status]?.content);
    if (schema !== undefined) return schemaToTs(schema, indent);
  }
  return ok.length > 0 && Object.keys(op.responses?.[ok[0] ?? '']?.content ?? {}).length > 0
    ? 'Blob'
    : 'void';
}

/** The whole declaration file for an OpenAPI document. */
export function openApiToTs(doc: Json, source: string): string {
  const out: string[] = [
    `// Generated by ${source} from the appliance's OpenAPI document (GET /api/v1/openapi.json).`,
    '// Do not edit: run `npm run gen:api-types` after changing a route schema.',
    '',
  ];
  const components = isObj(doc.components) && isObj(doc.components.schemas) ? doc.components.schemas : {};
  for (const [name, schema] of Object.entries(components).sort(([a], [b]) => a.localeCompare(b))) {
    out.push(`export type ${typeName(name)} = ${schemaToTs(schema)};`, '');
  }
  const paths = isObj(doc.paths) ? doc.paths : {};
  const ops: string[] = [];
  const index: string[] = [];
  for (const [p, item] of Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))) {
    if (!isObj(item)) continue;
    const methods: string[] = [];
    for (const [method, raw] of Object.entries(item).sort(([a], [b]) => a.localeCompare(b))) {
      const op = raw as Operation;
      const id = op.operationId ?? `${method}${pascal(p)}`;
      const body = jsonSchemaOf(op.requestBody?.content);
      ops.push(
        `  ${ident(id)}: {`,
        `    path: ${params(op, 'path', '    ')};`,
        `    query: ${params(op, 'query', '    ')};`,
        `    body: ${body === undefined ? 'never' : schemaToTs(body, '    ')};`,
        `    response: ${responseOf(op, '    ')};`,
        '  };',
      );
      methods.push(`    ${method}: ${JSON.stringify(id)};`);
    }
    index.push(`  ${JSON.stringify(p)}: {\n${methods.join('\n')}\n  };`);
  }
  out.push('/** Every operation by operationId: path and query parameters, JSON body, success response. */');
  out.push('export interface Operations {', ...ops, '}', '');
  out.push('/** operationId by path and method. */');
  out.push('export interface Paths {', ...index, '}', '');
  out.push('export type OperationId = keyof Operations;');
  out.push("export type ResponseOf<K extends OperationId> = Operations[K]['response'];");
  out.push("export type BodyOf<K extends OperationId> = Operations[K]['body'];");
  out.push("export type QueryOf<K extends OperationId> = Operations[K]['query'];");
  out.push('');
  return out.join('\n');
}
