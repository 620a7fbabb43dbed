import { z } from 'zod';

/**
 * The generic REST CRM connector. Lookup: GET `${baseUrl}${lookupPath}` with `{phone}` replaced
 * by the URL-encoded caller number; a 2xx JSON answer's `nameField` (a dotted path, default
 * `name`) is the caller's name. Call summaries: POST JSON to `${baseUrl}${summaryPath}`. The
 * credential is sent as `${authHeader}: ${authPrefix}${token}`.
 */
const path = z
  .string()
  .trim()
  .max(500)
  .regex(/^\/[^\s]*$/, 'a path starting with /');

export const restConfigSchema = z.strictObject({
  baseUrl: z.string().trim().max(2000),
  lookupPath: path
    .refine((p) => p.includes('{phone}'), 'must contain {phone}')
    .nullable()
    .default(null),
  summaryPath: path.nullable().default(null),
  authHeader: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,64}$/, 'an HTTP header name')
    .default('Authorization'),
  authPrefix: z.string().max(40).default('Bearer '),
  nameField: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+){0,4}$/, 'a dotted field path such as name or contact.fullName')
    .default('name'),
});
export type RestConfig = z.output<typeof restConfigSchema>;

export const credentialsSchema = z.strictObject({ token: z.string().min(1).max(4000) });
export type Credentials = z.output<typeof credentialsSchema>;

export function joinUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, '') + path;
}

export function lookupUrl(c: RestConfig, phone: string): string | null {
  if (!c.lookupPath) return null;
  return joinUrl(c.baseUrl, c.lookupPath.replace(/\{phone\}/g, encodeURIComponent(phone)));
}

export function authHeaders(c: RestConfig, creds: Credentials | null): Record<string, string> {
  return creds ? { [c.authHeader]: `${c.authPrefix}${creds.token}` } : {};
}

/** The caller's name from a lookup answer, or undefined (absent, not text, empty). */
export function extractName(c: RestConfig, body: string): string | undefined {
  let v: unknown;
  try {
    v = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (Array.isArray(v)) v = v[0];
  for (const k of c.nameField.split('.')) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  if (typeof v !== 'string') return undefined;
  // A name to speak in a greeting: printable, bounded.
  const name = v
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim()
    .slice(0, 100);
  return name || undefined;
}

/** What postCallSummary sends (the calls layer fills it). */
export interface CallSummary {
  conversationId: string;
  caller: string | null;
  startedAt: string;
  endedAt: string;
  durationMs: number;
  summary: string;
  /** The call's end reason (caller-hangup, transferred, ...). */
  outcome?: string | undefined;
  /** The post-call record: outcome, short summary, caller sentiment, the agent's extraction fields. */
  postCall?:
    | {
        outcome: string;
        summary: string;
        sentiment: string;
        sentimentScore: number;
        fields: Record<string, string | number | null>;
      }
    | undefined;
}
