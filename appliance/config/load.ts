import { readFileSync } from 'node:fs';
import { configSchema, type AppConfig } from './schema.js';

/** Environment variables operators and tests use, and the config path each one sets. */
export const envBindings = [
  { env: 'APPLIANCE_DATA_DIR', path: ['dataDir'], type: 'string' },
  { env: 'APPLIANCE_MODELS_DIR', path: ['modelsDir'], type: 'string' },
  { env: 'APPLIANCE_LEXICON_DIR', path: ['lexiconDir'], type: 'string' },
  { env: 'APPLIANCE_DATABASE_URL', path: ['databaseUrl'], type: 'string' },
  { env: 'APPLIANCE_NODE_ID', path: ['cluster', 'nodeId'], type: 'string' },
  { env: 'APPLIANCE_CLUSTER_HEARTBEAT_MS', path: ['cluster', 'heartbeatMs'], type: 'number' },
  { env: 'APPLIANCE_CLUSTER_NODE_TIMEOUT_S', path: ['cluster', 'nodeTimeoutS'], type: 'number' },
  { env: 'APPLIANCE_CLUSTER_SHARED_DIR', path: ['cluster', 'sharedDir'], type: 'string' },
  { env: 'APPLIANCE_LOG_LEVEL', path: ['logLevel'], type: 'string' },
  { env: 'APPLIANCE_HTTP_PORT', path: ['http', 'port'], type: 'number' },
  { env: 'APPLIANCE_BIND_ADDRESS', path: ['http', 'bindAddress'], type: 'string' },
  { env: 'APPLIANCE_BIND_ADDRESS', path: ['sip', 'bindAddress'], type: 'string' },
  { env: 'APPLIANCE_HTTP_ALLOW_FROM', path: ['http', 'allowFrom'], type: 'list' },
  { env: 'APPLIANCE_TLS', path: ['tls', 'mode'], type: 'string' },
  { env: 'APPLIANCE_TLS_CERT', path: ['tls', 'certFile'], type: 'string' },
  { env: 'APPLIANCE_TLS_KEY', path: ['tls', 'keyFile'], type: 'string' },
  { env: 'APPLIANCE_TLS_PLAIN_HTTP', path: ['tls', 'plainHttp'], type: 'string' },
  { env: 'APPLIANCE_TLS_HOSTNAMES', path: ['tls', 'hostnames'], type: 'list' },
  { env: 'APPLIANCE_SIP_PORT', path: ['sip', 'port'], type: 'number' },
  { env: 'APPLIANCE_CLUSTER_FRONT_ADDRESS', path: ['cluster', 'front', 'address'], type: 'string' },
  { env: 'APPLIANCE_CLUSTER_PROBE_INTERVAL_S', path: ['cluster', 'front', 'probeIntervalS'], type: 'number' },
  { env: 'APPLIANCE_SIP_PUBLIC_ADDRESS', path: ['sip', 'publicAddress'], type: 'string' },
  { env: 'APPLIANCE_SIP_ALLOW_FROM', path: ['sip', 'allowFrom'], type: 'list' },
  { env: 'APPLIANCE_SIP_INBOUND_USERNAME', path: ['sip', 'inboundCredentials', 'username'], type: 'string' },
  { env: 'APPLIANCE_SIP_INBOUND_PASSWORD', path: ['sip', 'inboundCredentials', 'password'], type: 'string' },
  { env: 'APPLIANCE_SIP_INBOUND_REALM', path: ['sip', 'inboundCredentials', 'realm'], type: 'string' },
  { env: 'APPLIANCE_SIP_TRUNK_URI', path: ['sip', 'outboundTrunk', 'uri'], type: 'string' },
  { env: 'APPLIANCE_SIP_TRUNK_USERNAME', path: ['sip', 'outboundTrunk', 'username'], type: 'string' },
  { env: 'APPLIANCE_SIP_TRUNK_PASSWORD', path: ['sip', 'outboundTrunk', 'password'], type: 'string' },
  { env: 'APPLIANCE_SIP_TLS', path: ['sip', 'tls', 'enabled'], type: 'boolean' },
  { env: 'APPLIANCE_SIP_TLS_PORT', path: ['sip', 'tls', 'port'], type: 'number' },
  { env: 'APPLIANCE_SIP_TLS_CERT', path: ['sip', 'tls', 'certFile'], type: 'string' },
  { env: 'APPLIANCE_SIP_TLS_KEY', path: ['sip', 'tls', 'keyFile'], type: 'string' },
  { env: 'APPLIANCE_SIP_TLS_CA', path: ['sip', 'tls', 'caFile'], type: 'string' },
  { env: 'APPLIANCE_SIP_TLS_PIN', path: ['sip', 'tls', 'pinSha256'], type: 'list' },
  { env: 'APPLIANCE_SIP_SRTP', path: ['sip', 'srtp'], type: 'string' },
  { env: 'APPLIANCE_MAX_CONCURRENT_CALLS', path: ['sip', 'maxConcurrentCalls'], type: 'number' },
  { env: 'APPLIANCE_TWILIO_PUBLIC_URL', path: ['twilio', 'publicBaseUrl'], type: 'string' },
  { env: 'APPLIANCE_RTP_PORT_MIN', path: ['rtp', 'portMin'], type: 'number' },
  { env: 'APPLIANCE_RTP_PORT_MAX', path: ['rtp', 'portMax'], type: 'number' },
  { env: 'APPLIANCE_MODEL_CACHE_DIR', path: ['models', 'cacheDir'], type: 'string' },
  { env: 'APPLIANCE_PS_HELPER', path: ['models', 'pocketsphinxHelper'], type: 'string' },
  { env: 'APPLIANCE_LLM_URL', path: ['models', 'llm', 'baseUrl'], type: 'string' },
  { env: 'APPLIANCE_LLM_MODEL', path: ['models', 'llm', 'model'], type: 'string' },
  { env: 'APPLIANCE_LLM_API_KEY', path: ['models', 'llm', 'apiKey'], type: 'string' },
  { env: 'APPLIANCE_LLM_GGUF', path: ['models', 'llm', 'ggufPath'], type: 'string' },
  { env: 'APPLIANCE_LOG_PII', path: ['logPii'], type: 'boolean' },
  { env: 'APPLIANCE_RECORDING_SWEEP_MS', path: ['calls', 'recordingSweepMs'], type: 'number' },
  { env: 'APPLIANCE_CRM_LOOKUP_TIMEOUT_MS', path: ['calls', 'crmLookupTimeoutMs'], type: 'number' },
  { env: 'APPLIANCE_CALLS_SILENCE_WINDOW_MS', path: ['calls', 'silenceWindowMs'], type: 'number' },
  { env: 'APPLIANCE_MAX_EVENT_LOOP_UTILIZATION', path: ['calls', 'maxEventLoopUtilization'], type: 'number' },
  { env: 'APPLIANCE_MAX_EVENT_LOOP_DELAY_MS', path: ['calls', 'maxEventLoopDelayMs'], type: 'number' },
  { env: 'APPLIANCE_BILLING_TICK_MS', path: ['billing', 'tickMs'], type: 'number' },
  { env: 'APPLIANCE_USAGE_FLUSH_MS', path: ['billing', 'usageFlushMs'], type: 'number' },
  { env: 'APPLIANCE_OUTBOX_POLL_MS', path: ['outbox', 'pollMs'], type: 'number' },
  { env: 'APPLIANCE_OUTBOX_TIMEOUT_MS', path: ['outbox', 'timeoutMs'], type: 'number' },
  { env: 'APPLIANCE_OUTBOX_MAX_ATTEMPTS', path: ['outbox', 'maxAttempts'], type: 'number' },
  { env: 'APPLIANCE_OUTBOX_BACKOFF_BASE_MS', path: ['outbox', 'backoffBaseMs'], type: 'number' },
  { env: 'APPLIANCE_OUTBOX_BACKOFF_MAX_MS', path: ['outbox', 'backoffMaxMs'], type: 'number' },
  { env: 'APPLIANCE_AUDIT_RETENTION_DAYS', path: ['audit', 'retentionDays'], type: 'number' },
  { env: 'APPLIANCE_METRICS_TOKEN', path: ['metrics', 'token'], type: 'string' },
  { env: 'APPLIANCE_METRICS_ALLOW_FROM', path: ['metrics', 'allowFrom'], type: 'list' },
  { env: 'APPLIANCE_OUTBOUND_ALLOW', path: ['outbound', 'allowNetworks'], type: 'list' },
  { env: 'APPLIANCE_WEBCALL', path: ['webcall', 'enabled'], type: 'boolean' },
  { env: 'APPLIANCE_WEBCALL_JANUS_WS_PORT', path: ['webcall', 'janusWsPort'], type: 'number' },
  { env: 'APPLIANCE_WEBCALL_ICE_INTERFACES', path: ['webcall', 'iceInterfaces'], type: 'string' },
] as const;

export class ConfigError extends Error {
  constructor(readonly issues: { key: string; message: string }[]) {
    super(`invalid configuration: ${issues.map((i) => `${i.key}: ${i.message}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

type Json = Record<string, unknown>;

function setPath(target: Json, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node[key] = typeof next === 'object' && next !== null ? next : {};
    node = node[key] as Json;
  }
  const last = path[path.length - 1];
  if (last !== undefined) node[last] = value;
}

function coerce(raw: string, type: 'string' | 'number' | 'boolean' | 'list'): unknown {
  if (type === 'list')
    return raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (type === 'number') {
    // Keep the raw string when it is not a clean number so the schema error names the key
    // (decimals for fractions such as calls.maxEventLoopUtilization; integer keys refuse them).
    return /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw;
  }
  if (type === 'boolean') {
    const v = raw.trim().toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(v)) return true;
    if (['0', 'false', 'no', 'off'].includes(v)) return false;
    return raw; // the schema error names the key
  }
  return raw;
}

/**
 * Loads and validates the configuration. An invalid value throws ConfigError naming the key
 * (as the environment variable when it came from one), so start-up stops with a clear message.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Json = {}): AppConfig {
  let input: Json = {};
  const file = env.APPLIANCE_CONFIG;
  if (file) {
    try {
      input = JSON.parse(readFileSync(file, 'utf8')) as Json;
    } catch (err) {
      throw new ConfigError([{ key: 'APPLIANCE_CONFIG', message: `cannot read ${file}: ${String(err)}` }]);
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input))
      throw new ConfigError([{ key: 'APPLIANCE_CONFIG', message: 'the file must hold a JSON object' }]);
  }
  const envKeyByPath = new Map<string, string>();
  for (const b of envBindings) {
    const raw = env[b.env];
    if (raw === undefined || raw === '') continue;
    setPath(input, b.path, coerce(raw, b.type));
    envKeyByPath.set(b.path.join('.'), b.env);
  }
  for (const [k, v] of Object.entries(overrides)) {
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && typeof input[k] === 'object')
      input[k] = { ...(input[k] as Json), ...(v as Json) };
    else input[k] = v;
  }
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const path = issue.path.map(String).join('.');
        // An issue deep inside a value (sip.allowFrom.0) belongs to the variable that set it.
        const envKey = [...envKeyByPath].find(([p]) => path === p || path.startsWith(`${p}.`))?.[1];
        return { key: envKey ? `${envKey} (${path})` : path || '(root)', message: issue.message };
      }),
    );
  }
  return parsed.data;
}
