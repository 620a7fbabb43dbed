import type { Kysely } from 'kysely';
import { csvField } from '../billing/index.js';
import type { Database } from '../db/index.js';
import {
  campaignCallOutcomes as outcomesList,
  numberStates as numberStatesList,
  type CampaignCallOutcome,
  type NumberState,
} from './types.js';
import type { NumberRow } from './store.js';

type Db = Kysely<Database>;

export interface CampaignReport {
  campaignId: string;
  numbers: number;
  /** Numbers per state. */
  byState: Record<NumberState, number>;
  /** Numbers done, by their final outcome. */
  byOutcome: Record<CampaignCallOutcome, number>;
  /** Calls placed (attempts over all numbers). */
  attempts: number;
  /** Numbers called at least once. */
  dialed: number;
  /** answered / numbers done (0-1, 3 decimals); null before any number is done. */
  answerRate: number | null;
  /** voicemail / numbers done (0-1, 3 decimals); null before any number is done. */
  voicemailRate: number | null;
  /** Talk time of all calls, minutes (1 decimal). */
  minutes: number;
}

const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;

/** The campaign's figures: one GROUP BY over its numbers. */
export async function campaignReport(
  db: Db,
  businessId: string,
  campaignId: string,
): Promise<CampaignReport> {
  const rows = await db
    .selectFrom('campaign_numbers')
    .select((eb) => [
      'status',
      'outcome',
      eb.fn.countAll<number | string>().as('n'),
      eb.fn.sum<number | string>('attempts').as('attempts'),
      eb.fn.sum<number | string>('duration_s').as('seconds'),
      eb.fn.sum<number | string>(eb.case().when('attempts', '>', 0).then(1).else(0).end()).as('dialed'),
    ])
    .where('business_id', '=', businessId)
    .where('campaign_id', '=', campaignId)
    .groupBy(['status', 'outcome'])
    .execute();
  const byState = Object.fromEntries(numberStatesList.map((s) => [s, 0])) as Record<NumberState, number>;
  const byOutcome = Object.fromEntries(outcomesList.map((o) => [o, 0])) as Record<
    CampaignCallOutcome,
    number
  >;
  let numbers = 0;
  let attempts = 0;
  let seconds = 0;
  let dialed = 0;
  for (const r of rows) {
    const n = Number(r.n);
    numbers += n;
    attempts += Number(r.attempts ?? 0);
    seconds += Number(r.seconds ?? 0);
    dialed += Number(r.dialed ?? 0);
    byState[r.status as NumberState] = (byState[r.status as NumberState] ?? 0) + n;
    if (r.status === 'done' && r.outcome)
      byOutcome[r.outcome as CampaignCallOutcome] = (byOutcome[r.outcome as CampaignCallOutcome] ?? 0) + n;
  }
  const done = byState.done;
  return {
    campaignId,
    numbers,
    byState,
    byOutcome,
    attempts,
    dialed,
    answerRate: done ? round(byOutcome.answered / done, 3) : null,
    voicemailRate: done ? round(byOutcome.voicemail / done, 3) : null,
    minutes: round(seconds / 60, 1),
  };
}

/** Every number with its result, one CSV row each (the report's `?format=csv`). */
export function reportCsv(rows: readonly NumberRow[]): string {
  const head = 'line,number,name,status,outcome,attempts,last_call_id,next_attempt_at,duration_s,last_reason';
  const lines = rows.map((r) =>
    [
      Number(r.line),
      r.number, // validated: + and digits only
      csvField(r.name),
      r.status,
      r.outcome ?? '',
      Number(r.attempts),
      r.last_call_id ?? '',
      r.next_attempt_at ?? '',
      Number(r.duration_s),
      csvField(r.last_reason),
    ].join(','),
  );
  return [head, ...lines].join('\r\n') + '\r\n';
}
