/**
 * Row types shared by both dialects. Portable column choices: ids and timestamps are text
 * (ISO-8601 UTC, so they sort), booleans are integer 0/1, JSON documents are text.
 */
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
}

export interface ApiKeysTable {
  id: string;
  business_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  role: string;
  created_by: string | null;
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
}
