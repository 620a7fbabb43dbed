/**
 * Response shapes of the appliance REST API, as names the pages use. Each is an alias of a type
 * generated from the OpenAPI document (generated.ts, `npm run gen:api-types`), so a changed route
 * schema breaks the UI build instead of showing "—" at run time.
 */
import type { BodyOf, ResponseOf } from './generated';

export type { BodyOf, OperationId, QueryOf, ResponseOf } from './generated';

/** One element of an array type. */
type Item<A> = A extends readonly (infer T)[] ? T : never;

export type Role = ResponseOf<'getAuthMe'>['role'];
export const roles = ['viewer', 'editor', 'admin', 'owner'] as const satisfies readonly Role[];

export type Profile = ResponseOf<'getBusinessProfile'>;
export type Plan = Item<ResponseOf<'getBusinessPlans'>['plans']>;
export type Subscription = ResponseOf<'postBusinessSubscribe'>;
export type UsagePeriod = Item<ResponseOf<'getBusinessUsage'>['history']>;
export type Invoice = Item<ResponseOf<'getBusinessInvoices'>['items']>;
export type Notice = Item<ResponseOf<'getBusinessNotices'>['items']>;

export type Agent = ResponseOf<'getAgentsId'>;
export type TrainingStatus = ResponseOf<'getAgentsIdStatus'>;
export type ChatReply = ResponseOf<'postAgentsIdChat'>;
export type OpeningHours = Item<Agent['facts']['hours']>;
export type Weekday = Item<OpeningHours['days']>;
/** An intent as edited: the server fills in `label` when it is left out. */
export type Intent = Omit<Item<Agent['intents']>, 'label'> & { label?: string };
/** The editable part of an agent (what PUT /agents/:id takes). */
export type AgentConfig = Omit<Agent, 'id' | 'status' | 'createdAt' | 'updatedAt' | 'version' | 'intents'> & {
  intents: Intent[];
};

// Choices the forms offer, in display order; `satisfies` ties each list to the generated union.
export const weekdays = [
  'mon',
  'tue',
  'wed',
  'thu',
  'fri',
  'sat',
  'sun',
] as const satisfies readonly Weekday[];
export const tones = [
  'friendly',
  'professional',
  'concise',
  'warm',
] as const satisfies readonly Agent['personality']['tone'][];
export const voiceEngines = [
  'auto',
  'piper',
  'flite',
  'festival',
  'espeak-ng',
] as const satisfies readonly Agent['voice']['engine'][];
export const intentActions = [
  'respond',
  'transfer',
  'take_message',
  'end_call',
] as const satisfies readonly Intent['action'][];
export const agentStatuses = [
  'untrained',
  'training',
  'ready',
  'failed',
] as const satisfies readonly Agent['status'][];

export type ApiKey = Item<ResponseOf<'getApiKeys'>['items']>;
export type User = ResponseOf<'getUsersId'>;
export type AuditEntry = Item<ResponseOf<'getAuditLog'>['items']>;

export type Conversation = Item<ResponseOf<'getConversations'>['items']>;
export type ConversationDetail = ResponseOf<'getConversationsId'>;
export type Turn = Item<ConversationDetail['turns']>;
export type LiveCall = Item<ResponseOf<'getVoiceCalls'>['items']>;
export type Recording = Item<ResponseOf<'getVoiceRecordings'>['items']>;

export type KnowledgeDoc = Item<ResponseOf<'getKnowledge'>['items']>;
export type Passage = Item<ResponseOf<'postKnowledgeQuery'>['items']>;

export type Webhook = Item<ResponseOf<'getWebhooks'>['items']>;
export type WebhookEvent = Item<NonNullable<BodyOf<'postWebhooks'>['events']>>;
export type Delivery = Item<ResponseOf<'getWebhooksIdDeliveries'>['items']>;

/** A paged list (`{ items, total }`), as the list endpoints return. */
export interface Page<T> {
  items: T[];
  total?: number;
}

export type Campaign = ResponseOf<'getCampaignsId'>;
export type CampaignStatus = Campaign['status'];
export type CampaignWindow = Item<Campaign['windows']>;
export type CampaignNumber = Item<ResponseOf<'getCampaignsIdNumbers'>['items']>;
export type CampaignOutcome = NonNullable<CampaignNumber['outcome']>;
/** What a list upload came to (POST /campaigns answers it as `upload`). */
export type CampaignUpload = ResponseOf<'postCampaignsIdNumbers'>;
export type DncEntry = Item<ResponseOf<'getDnc'>['items']>;
export const campaignOutcomes = [
  'answered',
  'voicemail',
  'no-answer',
  'busy',
  'failed',
] as const satisfies readonly CampaignOutcome[];
export const campaignNumberStates = [
  'pending',
  'dialing',
  'retry',
  'done',
  'dnc-skipped',
  'cancelled',
] as const satisfies readonly CampaignNumber['status'][];
/**
 * GET /campaigns/{id}/report as JSON. Written out here because the route also answers text/csv
 * (?format=csv), which the generator types as Blob; it mirrors `reportSchema` in
 * appliance/campaigns/schemas.ts.
 */
export interface CampaignReport {
  campaignId: string;
  numbers: number;
  byState: Partial<Record<CampaignNumber['status'], number>>;
  byOutcome: Partial<Record<CampaignOutcome, number>>;
  attempts: number;
  dialed: number;
  /** Fraction 0..1 of dialed numbers answered by a person; null before any call. */
  answerRate: number | null;
  voicemailRate: number | null;
  minutes: number;
}
