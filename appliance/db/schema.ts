/**
 * Row types shared by both dialects. Portable column choices: ids and timestamps are text
 * (ISO-8601 UTC, so they sort), booleans are integer 0/1, JSON documents are text.
 */
import type { Generated } from 'kysely';

export interface BusinessesTable {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  address: string | null;
  timezone: string;
  website: string | null;
  description: string | null;
  created_at: string;
  updated_at: string;
  /** 1: owners and admins must use MFA to sign in (0008). */
  mfa_required: Generated<number>;
  /** JSON array of addresses/CIDRs the business's API/UI may be used from; null: any (0008). */
  ip_allow_list: Generated<string | null>;
}

export interface PlansTable {
  id: string;
  name: string;
  monthly_fee_cents: number;
  /** null: unlimited calls. */
  included_calls: number | null;
  per_call_cents: number;
  /** Sustained API requests per second for businesses on this plan. */
  api_rate_per_s: number;
  sort_order: number;
}

export interface SubscriptionsTable {
  id: string;
  business_id: string;
  plan_id: string;
  status: string;
  period_start: string;
  period_end: string;
  cancel_at_period_end: number;
  created_at: string;
  ended_at: string | null;
}

export interface UsersTable {
  id: string;
  business_id: string;
  email: string;
  name: string | null;
  password_hash: string;
  role: string;
  disabled: number;
  created_at: string;
  last_login_at: string | null;
  /**
   * Raised on password change, role change, disable and logout (0007); access tokens carry the
   * value they were issued with and stop working once it differs.
   */
  token_version: Generated<number>;
}

export interface RefreshTokensTable {
  id: string;
  user_id: string;
  business_id: string;
  token_hash: string;
  family_id: string;
  expires_at: string;
  revoked_at: string | null;
  created_at: string;
  /** When the sign-in this token descends from checked the password (0007; null before). */
  authenticated_at: string | null;
}

export interface ApiKeysTable {
  id: string;
  business_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  role: string;
  created_by: string | null;
  /**
   * The human the key's rights derive from (0007): its creator, or for a key made by a key that
   * key's owner. The key works only while this user exists and is enabled, with at most their role.
   */
  owner_user_id: string | null;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface AgentsTable {
  id: string;
  business_id: string;
  name: string;
  greeting: string;
  language: string;
  personality: string;
  voice: string;
  config: string;
  status: string;
  status_detail: string | null;
  trained_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface AgentNumbersTable {
  number: string;
  agent_id: string;
  business_id: string;
}

export interface KnowledgeBasesTable {
  id: string;
  business_id: string;
  name: string;
  index_version: number;
  status: string;
  created_at: string;
  updated_at: string;
}

export interface ConversationsTable {
  id: string;
  business_id: string;
  agent_id: string | null;
  channel: string;
  caller: string | null;
  status: string;
  started_at: string;
  ended_at: string | null;
  duration_ms: number | null;
  state: string;
  summary: string | null;
  /** resolved, transferred, message_taken, caller_hung_up, unanswered, plan_limit (migration 0013). */
  outcome?: string | null;
  /** JSON post-call record: { outcome, summary, sentiment, fields } (migration 0013). */
  post_call?: string | null;
}

export interface IntegrationsTable {
  id: string;
  business_id: string;
  kind: string;
  name: string;
  config: string;
  credentials_enc: string | null;
  enabled: number;
  created_at: string;
  updated_at: string;
}

export interface TwilioAccountsTable {
  business_id: string;
  account_sid: string;
  /** Auth token sealed with the `twilio` purpose key (SecretBox, AAD = business id). */
  auth_token_enc: string;
  created_at: string;
  updated_at: string;
}

export interface WebhooksTable {
  id: string;
  business_id: string;
  url: string;
  events: string;
  secret_enc: string;
  enabled: number;
  created_at: string;
  updated_at: string;
}

export interface AuditLogTable {
  id: string;
  business_id: string | null;
  actor_type: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: string | null;
  ip: string | null;
  created_at: string;
}

export interface UserMfaTable {
  user_id: string;
  business_id: string;
  /** AES-256-GCM under the master key's 'mfa' subkey: base64url(iv | tag | ciphertext). */
  secret_enc: string;
  confirmed_at: string | null;
  /** Last TOTP time step accepted (replay guard); bigint on PostgreSQL, read as string there. */
  last_step: Generated<number | string>;
  created_at: string;
}

export interface MfaRecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: string | null;
  created_at: string;
}

/** Failed sign-in attempts per throttled key (migration 0009): the throttle's state across restarts. */
/** Page origins allowed to use a business's embeddable call button (migration 0011). */
export interface WebCallOriginsTable {
  business_id: string;
  /** scheme://host[:port], lower case. */
  origin: string;
  created_at: string;
}

export interface LoginThrottleTable {
  scope: string;
  /** SHA-256 hex of the throttle key (email|address, or the user id): no addresses stored. */
  key_hash: string;
  failures: number;
  /** Unix ms until which attempts are refused; bigint on PostgreSQL, read as string there. */
  blocked_until_ms: number | string;
  updated_at: string;
}

export interface Database {
  businesses: BusinessesTable;
  plans: PlansTable;
  subscriptions: SubscriptionsTable;
  users: UsersTable;
  refresh_tokens: RefreshTokensTable;
  api_keys: ApiKeysTable;
  agents: AgentsTable;
  agent_numbers: AgentNumbersTable;
  knowledge_bases: KnowledgeBasesTable;
  conversations: ConversationsTable;
  integrations: IntegrationsTable;
  webhooks: WebhooksTable;
  audit_log: AuditLogTable;
  user_mfa: UserMfaTable;
  mfa_recovery_codes: MfaRecoveryCodesTable;
  login_throttle: LoginThrottleTable;
  web_call_origins: WebCallOriginsTable;
  usage_periods: UsagePeriodsTable;
  usage_notices: UsageNoticesTable;
  statements: StatementsTable;
  statement_lines: StatementLinesTable;
  outbox: OutboxTable;
  outbox_attempts: OutboxAttemptsTable;
  knowledge_documents: KnowledgeDocumentsTable;
  knowledge_chunks: KnowledgeChunksTable;
  conversation_turns: ConversationTurnsTable;
  agent_builds: AgentBuildsTable;
  calls: CallsTable;
  call_events: CallEventsTable;
  recordings: RecordingsTable;
  voice_settings: VoiceSettingsTable;
  twilio_accounts: TwilioAccountsTable;
  nodes: NodesTable;
  api_rate_buckets: ApiRateBucketsTable;
  knowledge_gaps: KnowledgeGapsTable;
  knowledge_gap_hits: KnowledgeGapHitsTable;
  analytics_days: AnalyticsDaysTable;
  analytics_day_hours: AnalyticsDayKeyed<'hour', number, 'calls'>;
  analytics_day_intents: AnalyticsDayKeyed<'intent', string, 'n'>;
  analytics_day_latency: AnalyticsDayKeyed<'bin', number, 'n'>;
  campaigns: CampaignsTable;
  campaign_numbers: CampaignNumbersTable;
  campaign_dnc: CampaignDncTable;
  analytics_rolled: { business_id: string; day: string; rolled_at: string };
}

/** One business, agent ('' for none) and UTC day of call figures (migration 0013). */
export interface AnalyticsDaysTable {
  business_id: string;
  agent_id: string;
  /** YYYY-MM-DD, UTC. */
  day: string;
  calls: number;
  ended: number;
  contained: number;
  transfers: number;
  messages: number;
  /** Answered talk time, s. */
  talk_s: number;
  unanswered: number;
}

/** A daily rollup keyed by one more column (hour, intent, latency bin) with one count. */
export type AnalyticsDayKeyed<K extends string, KT, V extends string> = {
  business_id: string;
  agent_id: string;
  day: string;
} & Record<K, KT> &
  Record<V, number>;

/** A group of near-duplicate caller questions an agent could not answer (migration 0013). */
export interface KnowledgeGapsTable {
  id: string;
  business_id: string;
  agent_id: string;
  /** The first question of the group, as the caller said it. */
  question: string;
  /** The group's key: normalised, stemmed content words, sorted, space-separated. */
  tokens: string;
  count: number;
  /** JSON array of up to 5 distinct recent questions. */
  examples: string;
  first_seen: string;
  last_seen: string;
  /** open, closed (answered: an FAQ was added). */
  status: string;
  answer: string | null;
  closed_at: string | null;
  closed_by: string | null;
}

/** One unanswered question (migration 0013). */
export interface KnowledgeGapHitsTable {
  id: string;
  business_id: string;
  agent_id: string;
  gap_id: string;
  conversation_id: string;
  turn_id: string;
  at: string;
}

/** One appliance node of a cluster (migration 0012). */
export interface NodesTable {
  id: string;
  /** Host name and SIP/HTTP addresses, for operators. */
  address: string;
  /** When this run of the node started (ISO). */
  started_at: string;
  /** Last heartbeat (ISO, the node's clock). */
  heartbeat_at: string;
  /** running, stopped. */
  state: string;
}

/** An API token bucket shared by the nodes (PostgreSQL; migration 0012). */
export interface ApiRateBucketsTable {
  key: string;
  tokens: number;
  /** Last refill, epoch ms. */
  updated_ms: number;
}

export interface UsagePeriodsTable {
  id: string;
  business_id: string;
  subscription_id: string;
  plan_id: string;
  period_start: string;
  period_end: string;
  /** null: unlimited calls. */
  call_limit: number | null;
  calls: number;
  /** Calls charged per call (pay-per-use or overage) and what they cost, cents. */
  metered_calls: number;
  metered_cents: number;
  call_seconds: number;
  api_requests: number;
  knowledge_bytes: number;
  status: string;
  closed_at: string | null;
}

export interface UsageNoticesTable {
  id: string;
  business_id: string;
  usage_period_id: string;
  threshold_pct: number;
  metric: string;
  message: string;
  created_at: string;
}

export interface StatementsTable {
  id: string;
  business_id: string;
  usage_period_id: string;
  number: string;
  period_start: string;
  period_end: string;
  currency: string;
  status: string;
  total_cents: number | null;
  /** The finalised statement as canonical JSON; content_hash is its SHA-256. */
  content: string | null;
  content_hash: string | null;
  finalized_at: string | null;
  created_at: string;
}

export interface StatementLinesTable {
  id: string;
  statement_id: string;
  business_id: string;
  seq: number;
  kind: string;
  description: string;
  quantity: number;
  unit_cents: number;
  amount_cents: number;
  created_at: string;
}

export interface OutboxTable {
  id: string;
  business_id: string;
  target_kind: string;
  target_id: string;
  event_id: string;
  event_type: string;
  body: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface OutboxAttemptsTable {
  id: string;
  outbox_id: string;
  business_id: string;
  attempt: number;
  started_at: string;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
  next_attempt_at: string | null;
}

export interface KnowledgeDocumentsTable {
  id: string;
  business_id: string;
  title: string;
  filename: string | null;
  /** Sniffed type: txt, md, html, csv, pdf, docx. */
  kind: string;
  size_bytes: number;
  sha256: string;
  /** queued, extracting, chunking, embedding, indexing, ready, failed. */
  status: string;
  error: string | null;
  chunks_total: number;
  chunks_done: number;
  attempts: number;
  lease_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface KnowledgeChunksTable {
  id: string;
  business_id: string;
  document_id: string;
  position: number;
  /** text, table, faq. */
  kind: string;
  text: string;
  /** Little-endian float32 vector, base64; null until embedded. */
  vector: string | null;
  embed_model: string | null;
}

export interface ConversationTurnsTable {
  id: string;
  conversation_id: string;
  business_id: string;
  seq: number;
  /** caller, agent. */
  speaker: string;
  text: string;
  intent: string | null;
  confidence: number | null;
  started_at: string;
  ended_at: string | null;
  /** JSON: { endpointingMs, sttMs, agentMs, ttsFirstAudioMs, processingMs, voiceToVoiceMs }. */
  latency: string | null;
  interrupted: number;
  meta: string | null;
  /** Voice-to-voice latency, ms, copied from `latency` for SQL percentiles (migration 0013). */
  voice_to_voice_ms?: number | null;
}

export interface AgentBuildsTable {
  agent_id: string;
  /** stt_phrases, knowledge_version, intent_index. */
  kind: string;
  business_id: string;
  version: number;
  data: string;
  created_at: string;
}

export interface CallsTable {
  id: string;
  business_id: string;
  agent_id: string | null;
  conversation_id: string | null;
  /** inbound, outbound (test calls). */
  direction: string;
  /** Caller number (PII). */
  caller: string | null;
  dialed: string | null;
  /** ringing, active, transferring, ended. */
  state: string;
  /** included, overage, pay_per_use, refused. */
  billing: string | null;
  started_at: string;
  answered_at: string | null;
  ended_at: string | null;
  end_reason: string | null;
  /** JSON of a taken message { name, callbackNumber, text }. */
  message: string | null;
  /** Last status reported by external telephony (POST /voice/webhook). */
  external_status: string | null;
  /** How the call came in: sip, twilio, webrtc (migration 0010; `sip` before it). */
  channel: string;
  /** The transport's id of the call (Twilio CallSid), or null (migration 0010). */
  external_id: string | null;
  /** The node holding the call (migration 0012; null for rows made before it). */
  node_id: string | null;
}

export interface CallEventsTable {
  id: string;
  business_id: string;
  call_id: string | null;
  conversation_id: string | null;
  event: string;
  occurred_at: string;
  received_at: string;
  payload: string;
}

export interface RecordingsTable {
  id: string;
  business_id: string;
  call_id: string;
  conversation_id: string | null;
  agent_id: string | null;
  /** Encrypted file, relative to dataDir. */
  file: string;
  bytes: number;
  duration_ms: number;
  sample_rate_hz: number;
  created_at: string;
}

export interface VoiceSettingsTable {
  business_id: string;
  recording_enabled: number;
  retention_days: number;
  updated_at: string;
}

/** An outbound campaign (0014); `windows` is JSON text, `amd` 0/1. */
export interface CampaignsTable {
  id: string;
  business_id: string;
  name: string;
  agent_id: string;
  status: string;
  pause_reason: string | null;
  time_zone: string;
  windows: string;
  concurrency: number;
  max_attempts: number;
  retry_backoff_s: number;
  voicemail_message: string | null;
  amd: number;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  ended_at: string | null;
}

/** One number of a campaign and its results so far (0014). */
export interface CampaignNumbersTable {
  id: string;
  business_id: string;
  campaign_id: string;
  number: string;
  name: string | null;
  /** The line of the upload it came from (1-based). */
  line: number;
  /** Its place in the campaign: uploads append, numbers are dialed in this order. */
  position: number;
  status: string;
  attempts: number;
  outcome: string | null;
  last_call_id: string | null;
  last_reason: string | null;
  next_attempt_at: string | null;
  /** Talk seconds over all attempts. */
  duration_s: number;
  /** The node placing the current attempt (while `dialing`). */
  dialing_node: string | null;
  updated_at: string;
}

/** The business's do-not-call list (0014). */
export interface CampaignDncTable {
  business_id: string;
  number: string;
  created_at: string;
}
