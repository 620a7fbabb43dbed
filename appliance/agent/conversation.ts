import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { ConversationStore, TurnLatency } from '../conversations/index.js';
import type { ConversationId } from '../ids.js';
import { personalizeGreeting } from './caller-name.js';
import type { CompiledAgent } from './compile.js';
import { llmAnswer, type LlmOptions } from './llm.js';
import type { AgentMetrics } from './metrics.js';
import { checkPlan } from './answer-check.js';
import { plan, type Plan, type PlannedAction } from './policy.js';
import { speakable } from './speakable.js';
import type { ConversationState } from './state.js';
import { splitSentences } from './text.js';
import type {
  AgentReply,
  Channel,
  KnowledgeSearch,
  LlmClient,
  LlmMessage,
  ReplyEvent,
  Utterance,
} from './types.js';

/**
 * One live conversation: feeds caller turns through the policy (and the LLM when configured),
 * streams reply events, and writes each turn and the dialogue state as they happen. Calls and
 * the text channel use the same class.
 */

export interface ConversationDeps {
  store: ConversationStore;
  knowledge: KnowledgeSearch | undefined;
  llm: LlmClient | undefined;
  llmOptions: LlmOptions;
  metrics: AgentMetrics | undefined;
  log: Logger | undefined;
  now: () => Date;
}

export class Conversation {
  private writes: Promise<void> = Promise.resolve();
  private nextSeq: number;
  /** Set by the serial writer, so a later queued job sees the row of the turn before it. */
  private lastAgentTurnId: string | undefined;
  private readonly history: LlmMessage[] = [];
  private readonly callerTexts: string[] = [];
  private ended = false;
  /** Raised by every recorded turn and state change: a prepared answer planned before it is stale. */
  private version = 0;

  constructor(
    readonly id: ConversationId,
    readonly businessId: string,
    readonly agentId: string,
    readonly channel: Channel,
    readonly caller: string | null,
    private readonly compiled: CompiledAgent,
    private state: ConversationState,
    nextSeq: number,
    private readonly startedAtMs: number,
    private readonly deps: ConversationDeps,
    /** The caller's name from the business's CRM (spokenCallerName's output); PII. */
    readonly callerName?: string,
  ) {
    this.nextSeq = nextSeq;
  }

  /** The current dialogue state (a copy). */
  get dialogueState(): ConversationState {
    return structuredClone(this.state);
  }

  /**
   * The agent's opening line, addressing a known caller by name (see caller-name.ts); recorded as
   * the first agent turn, with the name in its meta.
   */
  greeting(): AgentReply {
    const greeting = personalizeGreeting(this.compiled.agent.greeting, this.callerName);
    const sentences = splitSentences(greeting).map((s) => this.say(s));
    const text = sentences.join(' ');
    this.state.lastReply = sentences;
    this.record('agent', text, {
      intent: 'greeting',
      confidence: 1,
      meta: this.callerName ? { callerName: this.callerName } : null,
    });
    this.history.push({ role: 'assistant', content: text });
    return { text, sentences };
  }

  async *respond(utterance: Utterance, opts: { signal?: AbortSignal } = {}): AsyncGenerator<ReplyEvent> {
    const t0 = performance.now();
    const text = callerText(utterance);
    this.recordCaller(utterance, text);
    const p = await this.planFor(utterance, text, this.state);
    yield* this.deliver(p, t0, text, opts.signal);
  }

  /**
   * A speculative answer (calls: the caller paused after what looks like a whole question, and
   * may yet go on): the reply to `utterance` planned against the current state without changing
   * anything: no turn recorded, state, history and metrics untouched. Forgetting the result is
   * dropping it. `commit()` delivers it exactly as respond() would (both turns recorded, state
   * advanced); if the conversation moved on since (a turn recorded, a digit buffered), commit
   * plans again from the new state.
   */
  async prepare(utterance: Utterance): Promise<PreparedAnswer> {
    const version = this.version;
    const text = callerText(utterance);
    const p = await this.planFor(utterance, text, structuredClone(this.state));
    // An LLM writes the words at commit (its stream is not run speculatively); the plan is still reused.
    const llmWrites = Boolean(this.deps.llm && p.llmEligible);
    return {
      sentences: llmWrites ? [] : p.sentences.map((x) => this.say(x)),
      commit: (opts = {}) => {
        if (version !== this.version) return this.respond(utterance, opts);
        const t0 = performance.now();
        this.recordCaller(utterance, text);
        return this.deliver(p, t0, text, opts.signal);
      },
    };
  }

  private recordCaller(utterance: Utterance, text: string): void {
    this.record('caller', text, {
      confidence: typeof utterance.confidence === 'number' ? utterance.confidence : null,
      meta: utterance.alternatives?.length ? { alternatives: utterance.alternatives.slice(0, 5) } : null,
    });
    this.callerTexts.push(text);
  }

  /** The policy's plan for a caller's text against `state` (which it does not change). */
  private planFor(utterance: Utterance, text: string, state: ConversationState): Promise<Plan> {
    return plan({
      agent: this.compiled,
      state,
      text,
      alternatives: Array.isArray(utterance.alternatives)
        ? utterance.alternatives.filter((a) => typeof a === 'string')
        : [],
      classify: (s) => this.compiled.index.classify(s),
      knowledge: this.deps.knowledge,
      now: this.deps.now(),
      caller: this.caller,
    }).then((planned) => checkPlan(this.compiled, text, planned));
  }

  /** A keypad digit: the transfer digit transfers; digits while a callback number is asked are collected until #. */
  async *onDtmf(digit: string, opts: { signal?: AbortSignal } = {}): AsyncGenerator<ReplyEvent> {
    const t0 = performance.now();
    const d = String(digit).slice(0, 1);
    const b = this.compiled.agent.behaviour;
    if (this.state.pending?.kind === 'message' && this.state.pending.step === 'number' && /[0-9#*]/.test(d)) {
      if (d !== '#') {
        this.state.dtmfBuffer = `${this.state.dtmfBuffer ?? ''}${d}`.slice(0, 20);
        this.version++;
        const state = structuredClone(this.state);
        this.enqueue(() => this.deps.store.saveState(this.businessId, this.id, state));
        yield {
          kind: 'done',
          intent: 'dtmf',
          confidence: 1,
          grounded: true,
          sources: [],
          agentMs: performance.now() - t0,
        };
        return;
      }
      const digits = this.state.dtmfBuffer ?? '';
      this.state.dtmfBuffer = undefined;
      yield* this.respond({ text: digits.split('').join(' ') }, opts);
      return;
    }
    if (b.transferDigit && d === b.transferDigit && this.compiled.agent.facts.transferExtension) {
      const p = this.fixedPlan(
        'transfer',
        ['Let me put you through to a colleague now.'],
        [{ action: 'transfer', target: this.compiled.agent.facts.transferExtension }],
      );
      yield* this.deliver(p, t0, `[dtmf ${d}]`, opts.signal);
      return;
    }
    yield {
      kind: 'done',
      intent: 'dtmf',
      confidence: 1,
      grounded: true,
      sources: [],
      agentMs: performance.now() - t0,
    };
  }

  /** The caller said nothing for behaviour.silenceTimeoutMs; `count` is the how-many-th time in a row. */
  async *onSilence(count: number, opts: { signal?: AbortSignal } = {}): AsyncGenerator<ReplyEvent> {
    const t0 = performance.now();
    const b = this.compiled.agent.behaviour;
    const p =
      count <= b.silenceReprompts
        ? this.fixedPlan('silence', ['Are you still there? How can I help you?'], [])
        : this.fixedPlan('silence', splitSentences(b.goodbye), [{ action: 'end_call' }]);
    yield* this.deliver(p, t0, `[silence ${count}]`, opts.signal, false);
  }

  /** The caller barged in: the last agent turn was cut after `spokenText`. */
  markInterrupted(spokenText: string): void {
    this.enqueue(async () => {
      const id = this.lastAgentTurnId;
      if (id) await this.deps.store.markInterrupted(this.businessId, id, spokenText.slice(0, 2000));
    });
  }

  async end(reason: string): Promise<void> {
    if (this.ended) return this.flush();
    this.ended = true;
    const now = this.deps.now();
    const duration = now.getTime() - this.startedAtMs;
    this.enqueue(() =>
      this.deps.store.end(this.businessId, this.id, reason.slice(0, 200), now.toISOString(), duration),
    );
    await this.flush();
  }

  /** Waits until every turn and state change so far is stored. */
  flush(): Promise<void> {
    return this.writes;
  }

  private fixedPlan(intent: string, sentences: string[], actions: PlannedAction[]): Plan {
    return {
      sentences,
      actions,
      intent,
      confidence: 1,
      grounded: true,
      sources: [],
      state: { ...this.state, pending: actions.length ? undefined : this.state.pending },
      llmEligible: false,
      passages: [],
    };
  }

  private async *deliver(
    p: Plan,
    t0: number,
    callerText: string,
    signal: AbortSignal | undefined,
    recordCallerInHistory = true,
  ): AsyncGenerator<ReplyEvent> {
    const said: string[] = [];
    const actions: PlannedAction[] = [...p.actions];
    let firstSentenceMs: number | undefined;
    let sources = p.sources;
    let grounded = p.grounded;
    let usedLlm = false;
    let fallbackReason: string | undefined;
    const emit = (s: string): ReplyEvent => {
      const text = this.say(s);
      said.push(text);
      firstSentenceMs ??= performance.now() - t0;
      return { kind: 'sentence', text };
    };

    let agentMs: number;
    // The bookkeeping runs even when the consumer stops early (barge-in, hang-up): the state
    // and the agent turn then hold what was actually said.
    try {
      if (this.deps.llm && p.llmEligible && !signal?.aborted) {
        for await (const out of llmAnswer({
          llm: this.deps.llm,
          agent: this.compiled,
          history: this.history,
          text: callerText,
          passages: p.passages,
          callerTexts: this.callerTexts,
          options: this.deps.llmOptions,
          ...(signal ? { signal } : {}),
        })) {
          if (signal?.aborted) break;
          if (out.kind === 'fallback') {
            fallbackReason = out.reason;
            this.deps.metrics?.llmFallbacks.inc({ reason: out.reason });
            break;
          }
          usedLlm = true;
          if (out.kind === 'sentence') yield emit(out.text);
          else if (out.name === 'take_message') {
            // The message flow asks for whatever the tool call left out.
            p = await plan({
              agent: this.compiled,
              state: this.state,
              text: 'I would like to leave a message',
              alternatives: [],
              classify: (s) => this.compiled.index.classify(s),
              knowledge: undefined,
              now: this.deps.now(),
              caller: this.caller,
            });
            if (p.state.pending?.kind === 'message') {
              p.state.pending.message = { ...p.state.pending.message, ...out.message };
            }
            for (const s of p.sentences) yield emit(s);
            p = { ...p, intent: 'take_message' };
          } else if (out.name === 'transfer') {
            const target = this.compiled.agent.facts.transferExtension;
            if (target) actions.push({ action: 'transfer', target });
            p = { ...p, intent: 'transfer' };
          } else {
            actions.push({ action: 'end_call' });
            p = { ...p, intent: 'goodbye' };
          }
        }
        if (usedLlm) {
          sources = ['llm', ...p.sources];
          grounded = true;
          p.state.lastIntent = p.intent;
        }
      }
      if (!usedLlm && !signal?.aborted) for (const s of p.sentences) yield emit(s);
      for (const a of actions) {
        if (signal?.aborted) break;
        yield {
          kind: 'action',
          action: a.action,
          ...(a.target ? { target: a.target } : {}),
          ...(a.message ? { message: a.message } : {}),
        };
      }
    } finally {
      agentMs = performance.now() - t0;
      this.state = p.state;
      if (p.intent !== 'repeat' && said.length) this.state.lastReply = said;
      if (recordCallerInHistory) this.history.push({ role: 'user', content: callerText });
      if (said.length) this.history.push({ role: 'assistant', content: said.join(' ') });
      const latency: TurnLatency = { agentMs: Math.round(agentMs * 10) / 10 };
      if (firstSentenceMs !== undefined) latency.firstSentenceMs = Math.round(firstSentenceMs * 10) / 10;
      this.record('agent', said.join(' '), {
        intent: p.intent,
        confidence: p.confidence,
        latency,
        meta: {
          sources,
          grounded,
          ...(actions.length ? { actions: actions.map((a) => a.action) } : {}),
          ...(usedLlm ? { llm: true } : {}),
          ...(fallbackReason ? { llmFallback: fallbackReason } : {}),
          ...(signal?.aborted ? { aborted: true } : {}),
        },
      });
      const state = structuredClone(this.state);
      this.enqueue(() => this.deps.store.saveState(this.businessId, this.id, state));
      this.deps.metrics?.turns.inc({ intent: metricIntent(p.intent), channel: this.channel });
      if (firstSentenceMs !== undefined) this.deps.metrics?.firstSentence.observe(firstSentenceMs / 1000);
    }
    yield { kind: 'done', intent: p.intent, confidence: round(p.confidence), grounded, sources, agentMs };
  }

  private say(s: string): string {
    return this.channel === 'text' ? s : speakable(s);
  }

  private record(
    speaker: 'caller' | 'agent',
    text: string,
    extra: {
      intent?: string;
      confidence?: number | null;
      latency?: TurnLatency;
      meta?: Record<string, unknown> | null;
    },
  ): void {
    const seq = this.nextSeq++;
    this.version++;
    const at = this.deps.now().toISOString();
    this.enqueue(async () => {
      const id = await this.deps.store.appendTurn({
        conversationId: this.id,
        businessId: this.businessId,
        seq,
        speaker,
        text,
        intent: extra.intent ?? null,
        confidence: extra.confidence ?? null,
        startedAt: at,
        endedAt: at,
        latency: extra.latency ?? null,
        meta: extra.meta ?? null,
      });
      if (speaker === 'agent') this.lastAgentTurnId = id;
    });
  }

  private enqueue(job: () => Promise<unknown>): Promise<void> {
    this.writes = this.writes.then(job).then(
      (r) => {
        void r;
      },
      (err: unknown) => {
        // A failed write must not break the call; it is logged and the conversation goes on.
        this.deps.log?.error({ err, conversationId: this.id }, 'conversation write failed');
      },
    );
    return this.writes;
  }
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** The caller's text as the conversation stores and plans it. */
const callerText = (u: Utterance): string => (typeof u.text === 'string' ? u.text.slice(0, 2000) : '');

/** A reply planned ahead (Conversation.prepare); nothing of it is recorded until commit(). */
export interface PreparedAnswer {
  /** Its sentences as they will be said (speakable on voice); empty when an LLM writes them at commit. */
  readonly sentences: readonly string[];
  /** Delivers it as respond() would: from here on it is the conversation's turn. */
  commit(opts?: { signal?: AbortSignal }): AsyncGenerator<ReplyEvent>;
}

/** Custom intent names are bounded by config (200 per agent) but unbounded across agents: fold them. */
const metricIntent = (intent: string): string =>
  [
    'greeting',
    'thanks',
    'affirm',
    'deny',
    'goodbye',
    'repeat',
    'hours',
    'location',
    'contact',
    'transfer',
    'take_message',
    'out_of_scope',
    'question',
    'clarify',
    'unknown',
    'refuse',
    'silence',
    'dtmf',
    'urgent',
  ].includes(intent)
    ? intent
    : 'custom';
