import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import type { AgentId, BusinessId } from '../ids.js';
import { getAgent, getAgentRow } from './service.js';
import type { AgentStatus, AgentView } from './schema.js';

/**
 * Training turns an agent's configuration into what calls need at run time. It is a list of
 * steps; each module that needs a build artefact (intent index, STT grammar, knowledge index
 * version) registers a step. Steps run in order; the first failure marks the agent failed with
 * the step's message. Status and progress are stored on the agent row, so they survive restarts.
 */
export interface TrainingStep {
  name: string;
  run(agent: AgentView, ctx: { businessId: BusinessId; signal: AbortSignal }): Promise<void>;
}

export interface TrainingStatus {
  status: AgentStatus;
  step: string | null;
  stepsDone: number;
  stepsTotal: number;
  error: string | null;
  trainedAt: string | null;
  trainedVersion: number | null;
  version: number;
  /** The configuration changed since the last successful training. */
  needsTraining: boolean;
}

interface Detail {
  step: string | null;
  stepsDone: number;
  stepsTotal: number;
  error: string | null;
  trainedVersion: number | null;
}

const parseDetail = (s: string | null): Detail => {
  const d = s ? (JSON.parse(s) as Partial<Detail>) : {};
  return {
    step: d.step ?? null,
    stepsDone: d.stepsDone ?? 0,
    stepsTotal: d.stepsTotal ?? 0,
    error: d.error ?? null,
    trainedVersion: d.trainedVersion ?? null,
  };
};

export class AgentTrainer {
  private readonly steps: TrainingStep[] = [
    {
      // Configuration that cannot work on a call is refused before anything else is built.
      name: 'validate',
      run: async (agent) => {
        const names = new Set<string>();
        for (const i of agent.intents) {
          if (names.has(i.name)) throw new Error(`intent ${i.name} is defined twice`);
          names.add(i.name);
          if (i.action === 'respond' && !i.response) throw new Error(`intent ${i.name} has no response`);
        }
        if (agent.intents.some((i) => i.action === 'transfer') && !agent.facts.transferExtension)
          throw new Error('an intent transfers the call but facts.transferExtension is empty');
      },
    },
  ];
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly app: AppContext) {}

  addStep(step: TrainingStep): void {
    this.steps.push(step);
  }

  async status(businessId: BusinessId, agentId: string): Promise<TrainingStatus> {
    const row = await getAgentRow(this.app.db.kysely, businessId, agentId);
    const d = parseDetail(row.status_detail);
    return {
      status: row.status as AgentStatus,
      step: d.step,
      stepsDone: d.stepsDone,
      stepsTotal: d.stepsTotal,
      error: d.error,
      trainedAt: row.trained_at,
      trainedVersion: d.trainedVersion,
      version: row.version,
      needsTraining: d.trainedVersion !== row.version,
    };
  }

  /** Starts training in the background and returns at once (202). A running job is restarted. */
  async start(businessId: BusinessId, agentId: AgentId): Promise<TrainingStatus> {
    const agent = await getAgent(this.app, businessId, agentId);
    this.running.get(agentId)?.abort();
    const ac = new AbortController();
    this.running.set(agentId, ac);
    await this.save(agentId, 'training', {
      step: null,
      stepsDone: 0,
      stepsTotal: this.steps.length,
      error: null,
      trainedVersion: null,
    });
    void this.run(businessId, agent, ac).finally(() => {
      if (this.running.get(agentId) === ac) this.running.delete(agentId);
    });
    return this.status(businessId, agentId);
  }

  /** Waits for a running job (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await new Promise((r) => setTimeout(r, 10));
  }

  stopAll(): void {
    for (const ac of this.running.values()) ac.abort();
  }

  private async run(businessId: BusinessId, agent: AgentView, ac: AbortController): Promise<void> {
    const total = this.steps.length;
    let done = 0;
    for (const step of this.steps) {
      if (ac.signal.aborted) return;
      await this.save(agent.id, 'training', {
        step: step.name,
        stepsDone: done,
        stepsTotal: total,
        error: null,
        trainedVersion: null,
      });
      try {
        await step.run(agent, { businessId, signal: ac.signal });
      } catch (err) {
        if (ac.signal.aborted) return;
        const message = err instanceof Error ? err.message : String(err);
        this.app.log.warn({ agentId: agent.id, step: step.name, err: message }, 'agent training failed');
        await this.save(agent.id, 'failed', {
          step: step.name,
          stepsDone: done,
          stepsTotal: total,
          error: message,
          trainedVersion: null,
        });
        return;
      }
      done += 1;
    }
    if (ac.signal.aborted) return;
    await this.save(
      agent.id,
      'ready',
      { step: null, stepsDone: total, stepsTotal: total, error: null, trainedVersion: agent.version },
      true,
    );
  }

  private async save(agentId: string, status: AgentStatus, detail: Detail, trained = false): Promise<void> {
    try {
      await this.app.db.kysely
        .updateTable('agents')
        .set({
          status,
          status_detail: JSON.stringify(detail),
          ...(trained ? { trained_at: this.app.now().toISOString() } : {}),
        })
        .where('id', '=', agentId)
        .execute();
    } catch (err) {
      // The agent may have been deleted mid-training; nothing left to record.
      if (!(err instanceof AppError)) this.app.log.debug({ agentId, err }, 'training status not saved');
    }
  }
}
