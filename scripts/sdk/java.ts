/**
 * Java 17 SDK (no dependencies): `sdk/java/src/voiceappliance/VoiceApplianceClient.java`, one
 * method per operation over the hand-written Transport, Json, ApiError and UploadFile. JSON
 * bodies, query strings and answers are Maps (Json.java's value model); the Javadoc lists their
 * fields with JSON types, which is as typed as Java gets without a class per nested schema.
 */
import { isObj, oneLine, type SdkModel, type SdkOperation, type SdkParam } from './model.js';

/** A schema's JSON type in words, for Javadoc (`string`, `integer | null`, `array of object`). */
export function jsonTypeName(schema: unknown): string {
  if (!isObj(schema)) return 'any';
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const list = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : null;
  if (list) return [...new Set(list.map(jsonTypeName))].join(' | ');
  if (Array.isArray(schema.type))
    return schema.type.map((t) => jsonTypeName({ ...schema, type: t })).join(' | ');
  if (schema.type === 'array') return `array of ${jsonTypeName(schema.items)}`;
  return typeof schema.type === 'string' ? schema.type : isObj(schema.properties) ? 'object' : 'any';
}

const javaDoc = (s: string): string =>
  oneLine(s).replace(/@/g, '{@literal @}').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Top-level fields of an object schema as Javadoc list items. */
function fieldItems(schema: unknown): string[] {
  if (!isObj(schema) || !isObj(schema.properties)) return [];
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  return Object.entries(schema.properties).map(
    ([name, sub]) =>
      `   *   <li>{@code ${name}} (${javaDoc(jsonTypeName(sub))}${required.has(name) ? '' : ', optional'})</li>`,
  );
}

function paramItems(params: SdkParam[]): string[] {
  return params.map(
    (p) =>
      `   *   <li>{@code ${p.name}} (${javaDoc(jsonTypeName(p.schema))}${p.required ? '' : ', optional'})${
        p.description ? `: ${javaDoc(p.description)}` : ''
      }</li>`,
  );
}

const javaIdent = (name: string): string =>
  name.replace(/[^A-Za-z0-9_]+([A-Za-z0-9])/g, (_m, c: string) => c.toUpperCase());

function methods(op: SdkOperation): string {
  const args: string[] = op.pathParams.map((p) => `String ${javaIdent(p.name)}`);
  const names: string[] = op.pathParams.map((p) => javaIdent(p.name));
  const pathExpr =
    `"${op.path.replace(/\{([^}]+)\}/g, (_m, p: string) => `" + Transport.seg(${javaIdent(p)}) + "`)}"`.replace(
      / \+ ""$/,
      '',
    );
  let json = 'null';
  let files = 'null';
  let form = 'null';
  if (op.body === 'json') {
    args.push('Map<String, ?> body');
    names.push('body');
    json = 'body';
  } else if (op.body === 'multipart') {
    args.push('List<UploadFile> files');
    names.push('files');
    files = 'files';
  } else if (op.body === 'form') {
    args.push('Map<String, String> form');
    names.push('form');
    form = 'form';
  }
  const hasQuery = op.queryParams.length > 0;
  if (hasQuery) args.push('Map<String, ?> query');
  const objectAnswer =
    op.responseSchemas.length > 0 && op.responseSchemas.every((s) => isObj(s) && s.type === 'object');
  const ret =
    op.response === 'json'
      ? objectAnswer
        ? 'Map<String, Object>'
        : 'Object'
      : op.response === 'binary'
        ? 'byte[]'
        : 'void';
  const expect = op.response.toUpperCase();
  const call = `http.request("${op.method}", ${pathExpr}, ${hasQuery ? 'query' : 'null'}, ${json}, ${files}, ${form}, Transport.Expect.${expect})`;
  const role = op.role === 'public' ? 'no token needed' : `role: ${op.role || 'any'}`;
  const doc = [
    '  /**',
    `   * ${javaDoc(op.summary)}`,
    '   *',
    `   * <p>{@code ${op.method} ${op.path}} (${role}).`,
  ];
  if (hasQuery) doc.push('   *', '   * <p>Query:', '   * <ul>', ...paramItems(op.queryParams), '   * </ul>');
  const bodyFields = op.body === 'json' ? fieldItems(op.bodySchema) : [];
  if (bodyFields.length > 0)
    doc.push('   *', '   * <p>Body fields:', '   * <ul>', ...bodyFields, '   * </ul>');
  const answerFields = op.response === 'json' ? fieldItems(op.responseSchemas[0]) : [];
  if (answerFields.length > 0)
    doc.push('   *', '   * <p>Returns a map with:', '   * <ul>', ...answerFields, '   * </ul>');
  if (op.response === 'binary') doc.push('   *', '   * <p>Returns the raw bytes.');
  doc.push('   */');
  const bodyLine =
    ret === 'void'
      ? `    ${call};`
      : ret === 'Map<String, Object>'
        ? `    return Json.obj(${call});`
        : ret === 'byte[]'
          ? `    return (byte[]) ${call};`
          : `    return ${call};`;
  const out = [...doc, `  public ${ret} ${op.id}(${args.join(', ')}) {`, bodyLine, '  }'];
  if (hasQuery && !op.queryParams.some((p) => p.required)) {
    const noQuery = args.slice(0, -1);
    out.push(
      '',
      `  /** {@link #${op.id}} without query parameters. */`,
      `  public ${ret} ${op.id}(${noQuery.join(', ')}) {`,
      `    ${ret === 'void' ? '' : 'return '}${op.id}(${[...names, 'null'].join(', ')});`,
      '  }',
    );
  }
  return out.join('\n');
}

/** Files of the Java SDK by path below the repository root. */
export function javaSdk(model: SdkModel): Map<string, string> {
  const file = [
    '// Generated by scripts/sdk/generate.ts from the appliance OpenAPI document (GET /api/v1/openapi.json).',
    '// Do not edit: run `npm run gen:sdk` after changing a route schema.',
    'package voiceappliance;',
    '',
    'import java.net.http.HttpClient;',
    'import java.time.Duration;',
    'import java.util.List;',
    'import java.util.Map;',
    '',
    '/**',
    ` * ${javaDoc(model.title)} ${model.version}: one method per operation, paths below {@code ${model.prefix}}.`,
    ' * Failed requests throw {@link ApiError}.',
    ' */',
    'public final class VoiceApplianceClient {',
    '  private final Transport http;',
    '',
    '  /** {@code baseUrl}: the appliance origin (https://host:port); {@code token} may be null. */',
    '  public VoiceApplianceClient(String baseUrl, String token) {',
    '    this(baseUrl, token, HttpClient.newHttpClient());',
    '  }',
    '',
    '  /** With an own HttpClient, e.g. one whose SSLContext trusts the appliance certificate. */',
    '  public VoiceApplianceClient(String baseUrl, String token, HttpClient client) {',
    `    this.http = new Transport(client, baseUrl.replaceAll("/+$", "") + "${model.prefix}", token, Duration.ofSeconds(30));`,
    '  }',
    '',
    '  /** Sets (or clears, with null) the bearer token: an access token or an API key. */',
    '  public void setToken(String token) {',
    '    http.token = token;',
    '  }',
    '',
    model.operations.map(methods).join('\n\n'),
    '}',
    '',
  ].join('\n');
  return new Map([['sdk/java/src/voiceappliance/VoiceApplianceClient.java', file]]);
}
