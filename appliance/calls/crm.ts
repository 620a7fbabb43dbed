/**
 * The business's CRM around a call: who is calling, looked up while the call is set up under a
 * small budget (the caller hears silence until the greeting), and what the call was about,
 * queued at call end in the transaction that ends the call (appliance/integrations delivers it
 * through the outbox). Neither ever throws into the call path.
 */
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { TakenMessage } from '../agent/index.js';
import type { PostCallRecord } from '../analytics/index.js';
import type { Database } from '../db/index.js';
import type { CallSummary } from '../integrations/index.js';
import type { CallerCrm } from './ports.js';

/**
 * The caller's name as the CRM gave it (the agent sanitizes it), or undefined: no CRM, a caller
 * without a number ("anonymous"), an unknown number, a failing CRM, or no answer within budgetMs.
 * Resolves within budgetMs and never rejects.
 */
export async function lookupCallerName(
  crm: CallerCrm | undefined,
  o: { businessId: string; caller: string | null; budgetMs: number; callId: string; log: Logger },
): Promise<string | undefined> {
  if (!crm || !o.caller || !/\d/.test(o.caller) || o.budgetMs <= 0) return undefined;
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const overBudget = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), o.budgetMs);
    timer.unref();
  });
  const phone = o.caller;
  const lookup = Promise.resolve()
    .then(() => crm.lookupCaller(o.businessId, phone, o.budgetMs))
    .catch((err: unknown) => {
      o.log.warn({ callId: o.callId, err }, 'CRM caller lookup failed');
      return undefined;
    });
  const r = await Promise.race([lookup, overBudget]);
  clearTimeout(timer);
  const lookupMs = Math.round(performance.now() - t0);
  if (r === 'timeout') {
    o.log.info(
      { callId: o.callId, budgetMs: o.budgetMs },
      'CRM caller lookup over budget: greeting without a name',
    );
    return undefined;
  }
  if (r?.name)
    o.log.info(
      { callId: o.callId, lookupMs, pii: { caller: o.caller, callerName: r.name } },
      'caller known to the CRM',
    );
  return r?.name || undefined;
}

/** The summary to queue for an answered call, or undefined (no CRM, nothing readable). Never throws. */
export async function crmCallSummary(
  crm: CallerCrm | undefined,
  db: Kysely<Database>,
  c: {
    id: string;
    businessId: string;
    conversationId: string;
    caller: string | null;
    /** When the agent answered, ISO. */
    startedAt: string;
    endedAt: Date;
    reason: string;
    durationMs: number;
    log: Logger;
    /** The post-call record (analytics/post-call.ts), when built. */
    postCall?: PostCallRecord;
  },
): Promise<{ crm: CallerCrm; data: CallSummary } | undefined> {
  if (!crm) return undefined;
  try {
    const summary = await callSummaryText(db, { ...c, callId: c.id });
    return {
      crm,
      data: {
        conversationId: c.conversationId,
        caller: c.caller,
        startedAt: c.startedAt,
        endedAt: c.endedAt.toISOString(),
        durationMs: Math.round(c.durationMs),
        summary,
        outcome: c.reason,
        ...(c.postCall ? { postCall: c.postCall } : {}),
      },
    };
  } catch (err) {
    c.log.warn({ err, callId: c.id }, 'CRM call summary not built');
    return undefined;
  }
}

/** Intents that say nothing about what the caller wanted. */
const smallTalk = new Set(['greeting', 'thanks', 'affirm', 'deny', 'goodbye', 'repeat', 'silence', 'dtmf']);
const intentLabels: Record<string, string> = {
  hours: 'opening hours',
  location: 'the address',
  contact: 'contact details',
  transfer: 'speaking to a colleague',
  take_message: 'leaving a message',
  question: 'a question answered from the business information',
  out_of_scope: 'something outside what the agent covers',
  refuse: 'a request the agent declined',
};
const endLabels: Record<string, string> = {
  'caller-hangup': 'the caller hung up',
  'agent-hangup': 'the agent ended the call',
  transferred: 'transferred to a colleague',
  'bridged-ended': 'transferred to a colleague (bridged)',
  'max-duration': 'the maximum call duration was reached',
  'rtp-timeout': "the caller's audio stopped",
  silence: 'the caller stayed silent',
  shutdown: 'the appliance shut down',
  error: 'an error',
  voicemail: 'an answering machine answered (voicemail message left)',
};

/** Longest summary text sent, characters. */
const MAX_SUMMARY_CHARS = 4000;

/**
 * A plain-text account of the call from what is stored: the requests the agent handled (intents
 * of its turns), turns it did not understand, the message taken (calls.message), how it ended.
 * Read before the closing transaction; a failed read gives a shorter text rather than no summary.
 */
export async function callSummaryText(
  db: Kysely<Database>,
  c: { businessId: string; callId: string; conversationId: string; reason: string; durationMs: number },
): Promise<string> {
  const parts = [`Phone call answered by the agent, ${Math.round(c.durationMs / 1000)} s.`];
  const [turns, call] = await Promise.all([
    db
      .selectFrom('conversation_turns')
      .select(['speaker', 'intent'])
      .where('business_id', '=', c.businessId)
      .where('conversation_id', '=', c.conversationId)
      .orderBy('seq')
      .execute()
      .catch(() => []),
    db
      .selectFrom('calls')
      .select(['message'])
      .where('business_id', '=', c.businessId)
      .where('id', '=', c.callId)
      .executeTakeFirst()
      .catch(() => undefined),
  ]);
  const asked: string[] = [];
  let notUnderstood = 0;
  for (const t of turns) {
    if (t.speaker !== 'agent' || !t.intent || smallTalk.has(t.intent)) continue;
    if (t.intent === 'clarify' || t.intent === 'unknown') notUnderstood++;
    else {
      const label = intentLabels[t.intent] ?? t.intent.replace(/_/g, ' ');
      if (!asked.includes(label)) asked.push(label);
    }
  }
  const callerTurns = turns.filter((t) => t.speaker === 'caller').length;
  if (asked.length) parts.push(`Caller asked about: ${asked.join(', ')}.`);
  else if (callerTurns === 0) parts.push('The caller made no request.');
  if (notUnderstood) parts.push(`Not understood: ${notUnderstood} time${notUnderstood === 1 ? '' : 's'}.`);
  const m = parseMessage(call?.message ?? null);
  if (m) {
    const fields = [
      m.name ? `name ${m.name}` : '',
      m.callbackNumber ? `callback number ${m.callbackNumber}` : '',
      m.text ? `message "${m.text}"` : '',
    ].filter(Boolean);
    parts.push(`Message taken: ${fields.join(', ') || 'no details'}.`);
  }
  parts.push(`Call ended: ${endLabels[c.reason] ?? c.reason}.`);
  return parts.join(' ').slice(0, MAX_SUMMARY_CHARS);
}

function parseMessage(raw: string | null): TakenMessage | undefined {
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as unknown;
    if (typeof v !== 'object' || v === null) return undefined;
    const o = v as Record<string, unknown>;
    const text = (k: string): string | undefined => (typeof o[k] === 'string' ? o[k] : undefined);
    const name = text('name');
    const callbackNumber = text('callbackNumber');
    const body = text('text');
    return {
      ...(name ? { name } : {}),
      ...(callbackNumber ? { callbackNumber } : {}),
      ...(body ? { text: body } : {}),
    };
  } catch {
    return undefined;
  }
}
