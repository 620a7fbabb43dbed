import type { AppContext } from '../context.js';
import type { AgentEngine } from './engine.js';

/**
 * Agents compiled at start-up. Compiling an agent (its book, graph and intent index) takes about
 * 1-3 s on a 2-core box; without this the first call to each agent after a restart heard silence
 * after the answer for that long. Only agents that calls can reach (those with a number) are
 * compiled, most recently changed first, one at a time (the book is built in the worker thread,
 * so the event loop that paces RTP is not stalled), and at most `WARM_LIMIT` of them: compiled
 * agents stay in memory, and a box with more numbered agents compiles the rest on first call.
 */
export const WARM_LIMIT = 50;

export const warmStates = ['idle', 'running', 'done', 'stopped'] as const;
export type WarmState = (typeof warmStates)[number];

export interface WarmStatus {
  state: WarmState;
  /** Agents compiled by the warm-up. */
  compiled: number;
  /** Agents whose compile failed (they compile again on their first call). */
  failed: number;
  /** Numbered agents beyond the limit, left to compile on first call. */
  skipped: number;
  /** Wall time of the warm-up, ms (when it ended). */
  ms?: number;
}

export interface AgentWarmUp {
  /** Starts compiling in the background; returns at once. */
  start(): void;
  /** Stops after the agent being compiled now; resolves when the warm-up has ended. */
  stop(): Promise<void>;
  status(): WarmStatus;
  /** Resolves when the warm-up has ended (done or stopped). */
  ended(): Promise<WarmStatus>;
}

export function agentWarmUp(app: AppContext, engine: Pick<AgentEngine, 'compiled'>): AgentWarmUp {
  const status: WarmStatus = { state: 'idle', compiled: 0, failed: 0, skipped: 0 };
  let stopping = false;
  let run: Promise<void> = Promise.resolve();

  const targets = async (): Promise<{ businessId: string; agentId: string }[]> => {
    const rows = await app.db.kysely
      .selectFrom('agent_numbers')
      .innerJoin('agents', 'agents.id', 'agent_numbers.agent_id')
      .select(['agents.id as agentId', 'agents.business_id as businessId', 'agents.updated_at as updatedAt'])
      .distinct()
      .orderBy('agents.updated_at', 'desc')
      .orderBy('agents.id')
      .execute();
    status.skipped = Math.max(0, rows.length - WARM_LIMIT);
    return rows.slice(0, WARM_LIMIT).map(({ businessId, agentId }) => ({ businessId, agentId }));
  };

  const warm = async (): Promise<void> => {
    const t0 = Date.now();
    status.state = 'running';
    try {
      for (const target of await targets()) {
        if (stopping) break;
        try {
          await engine.compiled(target.businessId, target.agentId);
          status.compiled++;
        } catch (err) {
          // Stopping rejects the build in flight: that is no failure of the agent.
          if (stopping) break;
          status.failed++;
          app.log.warn({ err, agentId: target.agentId }, 'agent warm-up: compile failed');
        }
      }
    } catch (err) {
      app.log.error({ err }, 'agent warm-up: listing agents failed');
    }
    status.ms = Date.now() - t0;
    status.state = stopping ? 'stopped' : 'done';
    app.log.info(
      { compiled: status.compiled, failed: status.failed, skipped: status.skipped, ms: status.ms },
      'agents compiled at start-up',
    );
  };

  return {
    start() {
      if (status.state !== 'idle') return;
      run = warm();
    },
    async stop() {
      stopping = true;
      if (status.state === 'idle') status.state = 'stopped';
      await run;
    },
    status: () => ({ ...status }),
    ended: async () => {
      await run;
      return { ...status };
    },
  };
}
