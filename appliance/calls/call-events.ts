/**
 * What a live call records as it happens: each keypad digit as a `dtmf` call event and each
 * message the agent takes (call row + `message.taken` event). Writes run one after another in
 * arrival order and never reject into the call path; the call's end waits on `flushed()`.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { TakenMessage } from '../agent/index.js';
import type { Database } from '../db/index.js';
import { emitEvent } from '../webhooks/index.js';
import type { DtmfSource } from './call-session.js';
import { insertCallEvent, updateCall } from './store.js';

export interface CallEventsDeps {
  db: Kysely<Database>;
  now: () => Date;
  log: Logger;
}

/** The call whose events are recorded. */
export interface CallEventIds {
  businessId: string;
  callId: string;
  conversationId: string;
}

export interface DtmfRecorder {
  received: (digit: string, source: DtmfSource, durationMs: number | undefined) => void;
  /** Resolves when every digit received so far is stored (or its failure logged). */
  flushed: () => Promise<void>;
}

export interface MessageRecorder {
  taken: (m: TakenMessage) => void;
  /** Resolves when every message taken so far is stored (or its failure logged). */
  flushed: () => Promise<void>;
}

/**
 * Stores each keypad digit the call receives as a 'dtmf' call event, one write after another in
 * arrival order. A failed write is logged and dropped: it never reaches the call path. `track`
 * registers each pending write (the manager's shutdown waits for them).
 */
export function dtmfRecorder(
  d: CallEventsDeps & { track: (p: Promise<void>) => void },
  ids: CallEventIds,
): DtmfRecorder {
  const { businessId, callId, conversationId } = ids;
  let chain: Promise<void> = Promise.resolve();
  let lastMs = 0;
  return {
    received: (digit, source, durationMs) => {
      try {
        // Stored times have ms resolution: each digit's is kept after the previous one's, so
        // ordering by time is the arrival order even for digits inside the same millisecond.
        const atMs = Math.max(d.now().getTime(), lastMs + 1);
        lastMs = atMs;
        const at = new Date(atMs).toISOString();
        const payload = {
          digit,
          source,
          ...(durationMs !== undefined ? { durationMs: Math.round(durationMs) } : {}),
        };
        chain = chain
          .then(() =>
            insertCallEvent(d.db, {
              businessId,
              callId,
              conversationId,
              event: 'dtmf',
              occurredAt: at,
              receivedAt: at,
              payload,
            }),
          )
          .then(
            () => undefined,
            (err: unknown) => d.log.warn({ err, callId }, 'dtmf event write failed'),
          );
        d.track(chain);
      } catch (err) {
        d.log.warn({ err, callId }, 'dtmf event not recorded');
      }
    },
    flushed: () => chain,
  };
}

/**
 * Stores each message the agent takes on the call row and queues `message.taken`, in one
 * transaction per message, one after another. A failed write is logged and dropped.
 */
export function messageRecorder(d: CallEventsDeps, ids: CallEventIds): MessageRecorder {
  const { businessId, callId, conversationId } = ids;
  let chain: Promise<void> = Promise.resolve();
  const write = (m: TakenMessage): Promise<void> =>
    d.db.transaction().execute(async (trx) => {
      await updateCall(trx, businessId, callId, { message: JSON.stringify(m) });
      await emitEvent(trx, businessId, 'message.taken', { callId, conversationId, message: m }, d.now());
    });
  return {
    taken: (m) => {
      chain = chain
        .then(() => write(m))
        .catch((err: unknown) => d.log.warn({ err, callId }, 'message write failed'));
    },
    flushed: () => chain,
  };
}
