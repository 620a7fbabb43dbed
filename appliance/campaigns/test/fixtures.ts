/** Shared setup of the campaign tests: a business with an agent and a plan, a scripted dialer. */
import { subscribeOrChange } from '../../billing/index.js';
import type { Db } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import { createLogger } from '../../log.js';
import { CampaignScheduler } from '../scheduler.js';
import { addNumbers, insertCampaign, type NewCampaign } from '../store.js';
import type {
  CampaignCallOutcome,
  CampaignCallResult,
  CampaignDialRequest,
  CampaignDialer,
} from '../types.js';
import { parseNumberList } from '../csv.js';

export const campaignEvents = [
  'campaign.started',
  'campaign.paused',
  'campaign.completed',
  'campaign.number.completed',
];

/** A settable clock (the AppContext `now` of these tests). */
export class Clock {
  constructor(public t: Date) {}
  now = (): Date => this.t;
  advanceS(s: number): void {
    this.t = new Date(this.t.getTime() + s * 1000);
  }
}

/** A business (UTC), its agent, a Professional subscription and a webhook on every campaign event. */
export async function seedBusiness(
  db: Db,
  at: Date,
  opts: { plan?: string; timezone?: string } = {},
): Promise<{ businessId: string; agentId: string }> {
  const k = db.kysely;
  const businessId = newId();
  const agentId = newId();
  const now = at.toISOString();
  await k
    .insertInto('businesses')
    .values({
      id: businessId,
      name: 'Campaign Co',
      email: `b-${businessId}@example.test`,
      phone: null,
      address: null,
      timezone: opts.timezone ?? 'UTC',
      website: null,
      description: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await k
    .insertInto('agents')
    .values({
      id: agentId,
      business_id: businessId,
      name: 'Caller',
      greeting: 'Hello',
      language: 'en',
      personality: 'friendly',
      voice: 'default',
      config: '{}',
      status: 'ready',
      status_detail: null,
      trained_at: null,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await subscribeOrChange(k, businessId, opts.plan ?? 'professional', at);
  await k
    .insertInto('webhooks')
    .values({
      id: newId(),
      business_id: businessId,
      url: 'https://hooks.example.test/in',
      events: JSON.stringify(campaignEvents),
      secret_enc: 'x',
      enabled: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { businessId, agentId };
}

/** Every day, all day, UTC: the window is always open unless a test says otherwise. */
export const always: NewCampaign['windows'] = [
  { days: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'], from: '00:00', to: '24:00' },
];

export async function seedCampaign(
  db: Db,
  businessId: string,
  agentId: string,
  numbers: string[],
  at: Date,
  over: Partial<NewCampaign> = {},
): Promise<string> {
  const id = await insertCampaign(
    db.kysely,
    businessId,
    {
      name: 'Spring reminders',
      agentId,
      timeZone: 'UTC',
      windows: always,
      concurrency: 2,
      maxAttempts: 3,
      retryBackoffS: 600,
      voicemailMessage: 'Please call us back.',
      amd: true,
      ...over,
    },
    at,
  );
  await addNumbers(db.kysely, businessId, id, parseNumberList(numbers).entries, at);
  return id;
}

type Step = CampaignCallOutcome | 'unavailable' | 'plan' | 'throw';

/**
 * Answers each number with its script (default `answered`), one step per call. While `hold` is
 * set, calls stay up until `release()`; `live`/`maxLive` count calls up at once.
 */
export class ScriptedDialer implements CampaignDialer {
  readonly scripts = new Map<string, Step[]>();
  readonly calls: CampaignDialRequest[] = [];
  live = 0;
  maxLive = 0;
  hold = false;
  private held: (() => void)[] = [];
  private started: (() => void)[] = [];

  script(number: string, ...steps: Step[]): this {
    this.scripts.set(number, steps);
    return this;
  }

  async dial(req: CampaignDialRequest): Promise<CampaignCallResult> {
    const index = this.calls.push(req);
    this.live++;
    this.maxLive = Math.max(this.maxLive, this.live);
    for (const s of this.started.splice(0)) s();
    try {
      if (this.hold) await new Promise<void>((r) => this.held.push(r));
      const step = this.scripts.get(req.number)?.shift() ?? 'answered';
      if (step === 'unavailable') throw new AppError('unavailable', 'no free call slot');
      if (step === 'plan') throw new AppError('plan_limit_reached', 'the plan allows no more calls');
      if (step === 'throw') throw new Error('SIP transaction timed out');
      const durationS = step === 'answered' ? 60 : step === 'voicemail' ? 20 : 0;
      return { outcome: step, callId: `call-${index}`, durationS, reason: step };
    } finally {
      this.live--;
    }
  }

  get waiting(): number {
    return this.held.length;
  }

  release(): void {
    for (const r of this.held.splice(0)) r();
  }
}

export function newScheduler(
  db: Db,
  clock: Clock,
  dialer: CampaignDialer | undefined,
  nodeId = 'node-a',
): CampaignScheduler {
  return new CampaignScheduler({
    db: db.kysely,
    log: createLogger('silent'),
    now: clock.now,
    nodeId,
    dialer: () => dialer,
    intervalMs: 3_600_000,
  });
}

/** The campaign events queued in the outbox, oldest first, with their data. */
export async function queuedEvents(
  db: Db,
  businessId: string,
): Promise<{ type: string; data: Record<string, unknown> }[]> {
  const rows = await db.kysely
    .selectFrom('outbox')
    .select(['event_type', 'body', 'created_at'])
    .where('business_id', '=', businessId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    type: r.event_type,
    data: (JSON.parse(r.body) as { data: Record<string, unknown> }).data,
  }));
}

/** Lets the dialer's promises run (the scheduler hands calls off without awaiting them). */
export const flush = (): Promise<void> => new Promise((r) => setImmediate(r));
