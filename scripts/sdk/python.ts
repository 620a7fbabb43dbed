/**
 * Python SDK (standard library only): `sdk/python/voice_appliance/client.py`, one method per
 * operation over the hand-written `_runtime.py`. Parameters carry type hints from their schemas;
 * JSON bodies and answers are plain dicts whose fields the docstring lists (name, type, required),
 * which keeps the file readable without a TypedDict per nested object.
 */
import { isObj, oneLine, snake, type SdkModel, type SdkOperation } from './model.js';

/** A schema as a Python type hint (typing module names). */
export function pyType(schema: unknown): string {
  if (!isObj(schema)) return 'Any';
  if (Array.isArray(schema.enum)) {
    const values = schema.enum.filter((v) => typeof v === 'string' || typeof v === 'number');
    return values.length === schema.enum.length && values.length > 0
      ? `Literal[${values.map((v) => JSON.stringify(v)).join(', ')}]`
      : 'Any';
  }
  const list = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : null;
  if (list) return union(list.map(pyType));
  if (Array.isArray(schema.type)) return union(schema.type.map((t) => pyType({ ...schema, type: t })));
  switch (schema.type) {
    case 'string':
      return 'str';
    case 'integer':
      return 'int';
    case 'number':
      return 'float';
    case 'boolean':
      return 'bool';
    case 'null':
      return 'None';
    case 'array':
      return `List[${pyType(schema.items)}]`;
    case 'object':
      return 'Dict[str, Any]';
    default:
      return 'Any';
  }
}

function union(parts: string[]): string {
  const unique = [...new Set(parts)];
  if (unique.includes('Any')) return 'Any';
  const rest = unique.filter((p) => p !== 'None');
  const inner = rest.length === 1 ? (rest[0] ?? 'Any') : `Union[${rest.join(', ')}]`;
  return rest.length < unique.length ? `Optional[${inner}]` : inner;
}

/** Top-level fields of an object schema, one docstring line each. */
function fieldLines(schema: unknown, indent: string): string[] {
  if (!isObj(schema) || !isObj(schema.properties)) return [];
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  return Object.entries(schema.properties).map(([name, sub]) => {
    const desc = isObj(sub) && typeof sub.description === 'string' ? `: ${oneLine(sub.description)}` : '';
    return `${indent}${name} (${pyType(sub)}${required.has(name) ? '' : ', optional'})${desc}`.replace(
      /"""/g,
      "'''",
    );
  });
}

// Python 3 keywords (lower-case ones; True/False/None cannot be parameter names from JSON anyway).
const KEYWORDS = new Set([
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
]);
const KEYWORD_SUFFIX = '_';
/** A parameter as a Python name: snake_case, keywords get a trailing `_` (`from` -> `from_`). */
const pyName = (name: string): string => {
  const n = snake(name.replace(/[^A-Za-z0-9_]/g, '_'));
  return KEYWORDS.has(n) ? n + KEYWORD_SUFFIX : n;
};

function method(op: SdkOperation): string {
  const name = snake(op.id);
  const args: string[] = ['self'];
  const pathArgs = op.pathParams.map((p) => `${pyName(p.name)}: str`);
  args.push(...pathArgs);
  if (op.body === 'json') args.push('body: Dict[str, Any]');
  else if (op.body === 'multipart') args.push('files: Sequence[UploadFile]');
  else if (op.body === 'form') args.push('form: Mapping[str, str]');
  const required = op.queryParams.filter((p) => p.required);
  const optional = op.queryParams.filter((p) => !p.required);
  if (op.queryParams.length > 0) args.push('*');
  for (const p of required) args.push(`${pyName(p.name)}: ${pyType(p.schema)}`);
  for (const p of optional) args.push(`${pyName(p.name)}: Optional[${pyType(p.schema)}] = None`);
  const ret =
    op.response === 'json'
      ? op.responseSchemas.every((s) => isObj(s) && s.type === 'object')
        ? 'Dict[str, Any]'
        : 'Any'
      : op.response === 'binary'
        ? 'bytes'
        : 'None';
  const role = op.role === 'public' ? 'no token needed' : `role: ${op.role || 'any'}`;
  const doc = [`${oneLine(op.summary)}`, '', `${op.method} ${op.path} (${role}).`];
  const queryDocs = op.queryParams
    .filter((p) => p.description)
    .map((p) => `    ${pyName(p.name)}: ${oneLine(p.description ?? '')}`);
  if (queryDocs.length > 0) doc.push('', 'Query:', ...queryDocs);
  if (op.body === 'json') {
    const fields = fieldLines(op.bodySchema, '    ');
    if (fields.length > 0) doc.push('', 'Body fields:', ...fields);
  }
  if (op.response === 'json') {
    const fields = fieldLines(op.responseSchemas[0], '    ');
    if (fields.length > 0) doc.push('', 'Returns a dict with:', ...fields);
  } else if (op.response === 'binary') doc.push('', 'Returns the raw bytes.');
  const path = op.path.replace(/\{([^}]+)\}/g, (_m, p: string) => `{_seg(${pyName(p)})}`);
  const call: string[] = [`"${op.method}"`, op.pathParams.length > 0 ? `f"${path}"` : `"${op.path}"`];
  if (op.queryParams.length > 0) {
    call.push(`query={${op.queryParams.map((p) => `"${p.name}": ${pyName(p.name)}`).join(', ')}}`);
  }
  if (op.body === 'json') call.push('json_body=body');
  else if (op.body === 'multipart') call.push('files=files');
  else if (op.body === 'form') call.push('form=form');
  call.push(`expect="${op.response}"`);
  const oneLineDef = `    def ${name}(${args.join(', ')}) -> ${ret}:`;
  const body = [
    oneLineDef.length <= 110
      ? oneLineDef
      : `    def ${name}(\n${args.map((a) => `        ${a},`).join('\n')}\n    ) -> ${ret}:`,
    '        """' +
      doc.map((l, i) => (i === 0 || l === '' ? l : `        ${l}`)).join('\n') +
      '\n        """',
    `        return self._http.request(${call.join(', ')})`,
  ];
  return body.join('\n');
}

/** Files of the Python SDK by path below the repository root. */
export function pythonSdk(model: SdkModel): Map<string, string> {
  const methods = model.operations.map(method).join('\n\n');
  // Import only the typing names the signatures use (the docstrings name them too, harmlessly).
  const typing = ['Any', 'Dict', 'List', 'Literal', 'Mapping', 'Optional', 'Sequence', 'Union'].filter(
    (n) => n === 'Any' || n === 'Optional' || new RegExp(`\\b${n}\\[`).test(methods),
  );
  const file = [
    '# Generated by scripts/sdk/generate.ts from the appliance OpenAPI document (GET /api/v1/openapi.json).',
    '# Do not edit: run `npm run gen:sdk` after changing a route schema.',
    `"""${oneLine(model.title)} ${model.version}: one method per operation, paths below ${model.prefix}."""`,
    '',
    `from typing import ${typing.join(', ')}`,
    '',
    'from ._runtime import Transport, UploadFile, _seg',
    '',
    '__all__ = ["VoiceApplianceClient"]',
    '',
    '',
    'class VoiceApplianceClient:',
    '    """Client of the appliance REST API.',
    '',
    '    base_url: the appliance origin (https://host:port); the API prefix is added.',
    '    token: an access token (from register/login) or an API key (vak_...).',
    "    ssl_context: an ssl.SSLContext, e.g. one that trusts the appliance's self-signed certificate.",
    '    timeout_s: per-request timeout, seconds.',
    '    """',
    '',
    '    def __init__(',
    '        self, base_url: str, token: Optional[str] = None, ssl_context: Any = None, timeout_s: float = 30.0',
    '    ) -> None:',
    `        self._http = Transport(base_url.rstrip("/") + "${model.prefix}", token, ssl_context, timeout_s)`,
    '',
    '    def set_token(self, token: Optional[str]) -> None:',
    '        """Sets (or clears) the bearer token."""',
    '        self._http.token = token',
    '',
    methods,
    '',
  ].join('\n');
  return new Map([['sdk/python/voice_appliance/client.py', file]]);
}
