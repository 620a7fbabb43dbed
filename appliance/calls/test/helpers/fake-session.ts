/**
 * Fake ports for CallSession unit tests: a hand-moved clock, a media session whose playback the
 * test completes or cuts, a VAD whose speech events the test scripts, STT that answers a set text,
 * a TTS that counts what it says, a scripted conversation and a SIP call that records hangups and
 * REFERs. No sockets, no engines, no timers: every step is driven by the test.
 */
import { EventEmitter } from 'node:events';
import {
  epochNowMs,
  type FlushResult,
  type MediaEvent,
  type PlayId,
  type StopResult,
} from '../../../../media/index.js';
import type { CallEvent, CallState, TransferResult } from '../../../../sip/index.js';
import type { ReplyEvent, Utterance } from '../../../agent/index.js';
import {
  CallSession,
  type CallEnd,
  type CallMedia,
  type CallSessionDeps,
  type SessionCall,
} from '../../call-session.js';
import type { Clock, TimerHandle } from '../../clock.js';
import type { TurnTimings } from '../../reply.js';
import type {
  AgentBehaviour,
  AgentConversation,
  PreparedReply,
  SpeechEngines,
  SpeechEvent,
  SpeechToTextStream,
} from '../../ports.js';

/** Lets every pending promise callback and I/O-free continuation run. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setImmediate(r));
}

export class FakeClock implements Clock {
  private t = 0;
  private timers: Array<{ at: number; fn: () => void; cancelled: boolean }> = [];

  now(): number {
    return this.t;
  }

  after(ms: number, fn: () => void): TimerHandle {
    const timer = { at: this.t + ms, fn, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => (timer.cancelled = true) };
  }

  /** Moves time on by `ms`, firing due timers in order (and letting their work settle). */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      const due = this.timers.filter((x) => !x.cancelled && x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      due.cancelled = true;
      this.t = due.at;
      due.fn();
      await settle();
    }
    this.t = end;
    this.timers = this.timers.filter((x) => !x.cancelled);
    await settle();
  }
}

export class FakeMedia extends EventEmitter implements CallMedia {
  private seq = 0;
  /** Queued, not yet played: id, text length in samples. */
  queued: Array<{ playId: PlayId; samples: number; rate: number }> = [];
  plays: Array<{ playId: PlayId; samples: number }> = [];
  flushes = 0;
  stopped = false;
  /** What flush() reports as already sent of the first queued item, ms. */
  playedMsAtFlush = 400;

  play(pcm: Int16Array, sampleRateHz: number): PlayId {
    const playId = ++this.seq as PlayId;
    this.queued.push({ playId, samples: pcm.length, rate: sampleRateHz });
    this.plays.push({ playId, samples: pcm.length });
    return playId;
  }

  flush(): Promise<FlushResult> {
    this.flushes++;
    const cut = this.queued.map((q) => q.playId);
    const unplayedMs = this.queued.reduce((a, q) => a + (q.samples / q.rate) * 1000, 0);
    this.queued = [];
    return Promise.resolve({ cutPlayIds: cut, playedMs: cut.length ? this.playedMsAtFlush : 0, unplayedMs });
  }

  stop(): Promise<StopResult> {
    this.stopped = true;
    return Promise.resolve({ stats: {} as StopResult['stats'] });
  }

  /** The worker sent every queued item: their 'played' events. */
  async playAll(): Promise<void> {
    const q = this.queued;
    this.queued = [];
    for (const it of q)
      this.emit('event', { kind: 'played', playId: it.playId, durationMs: 0 } satisfies MediaEvent);
    await settle();
  }

  /** One caller frame (what it contains is decided by the fake VAD's script). */
  async frame(): Promise<void> {
    this.emit('event', {
      kind: 'audio',
      pcm: new Int16Array(320),
      sampleRateHz: 16000,
      rtpTs: 0,
      atMs: epochNowMs(),
    } satisfies MediaEvent);
    await settle();
  }

  async digit(d: string): Promise<void> {
    this.emit('event', { kind: 'dtmf', digit: d, durationMs: 100, source: 'rfc4733' } as MediaEvent);
    await settle();
  }
}

export class FakeCall implements SessionCall {
  readonly id = 'call-1' as SessionCall['id'];
  state: CallState = 'active';
  hangups = 0;
  transfers: string[] = [];
  transferResult: TransferResult = { kind: 'transferred', confirmedByNotify: true };
  private listeners = new Set<(ev: CallEvent) => void>();

  on(l: (ev: CallEvent) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  hangup(): Promise<void> {
    this.hangups++;
    this.state = 'ended';
    return Promise.resolve();
  }

  transfer(target: string): Promise<TransferResult> {
    this.transfers.push(target);
    return Promise.resolve(this.transferResult);
  }

  emit(ev: CallEvent): void {
    for (const l of this.listeners) l(ev);
  }
}

/** A scripted conversation: what it was asked, and what it answers. */
export class FakeConversation implements AgentConversation {
  readonly id = 'conv-1';
  heard: string[] = [];
  digits: string[] = [];
  silences: number[] = [];
  interrupted: string[] = [];
  endedWith: string | undefined;
  /** Texts whose answer was prepared speculatively (nothing recorded by that). */
  prepared: string[] = [];
  /** Present when the harness speculates: plans without recording; commit() is respond(). */
  prepare?: (u: Utterance) => Promise<PreparedReply>;

  constructor(
    private readonly behaviour: AgentBehaviour,
    speculative = false,
  ) {
    if (speculative)
      this.prepare = (u) => {
        this.prepared.push(u.text);
        return Promise.resolve({
          sentences: [`You said ${u.text}.`],
          commit: () => this.respond(u),
        });
      };
  }

  greeting(): { text: string; sentences: string[] } {
    return { text: 'Hello there. How can I help?', sentences: ['Hello there.', 'How can I help?'] };
  }

  respond(u: Utterance): AsyncIterable<ReplyEvent> {
    this.heard.push(u.text);
    if (/transfer/.test(u.text))
      return events([say('Let me put you through.'), { kind: 'action', action: 'transfer', target: '200' }]);
    if (/bye/.test(u.text)) return events([say('Goodbye.'), { kind: 'action', action: 'end_call' }]);
    if (/message/.test(u.text))
      return events([
        say('I will pass that on.'),
        { kind: 'action', action: 'take_message', message: { name: 'Ann', text: u.text } },
      ]);
    return events([say(`You said ${u.text}.`)]);
  }

  onDtmf(digit: string): AsyncIterable<ReplyEvent> {
    this.digits.push(digit);
    if (digit === this.behaviour.transferDigit)
      return events([say('Connecting you.'), { kind: 'action', action: 'transfer', target: '200' }]);
    return events([say(`You pressed ${digit}.`)]);
  }

  onSilence(count: number): AsyncIterable<ReplyEvent> {
    this.silences.push(count);
    if (count <= this.behaviour.silenceReprompts) return events([say('Are you still there?')]);
    return events([say(this.behaviour.goodbye), { kind: 'action', action: 'end_call' }]);
  }

  markInterrupted(spokenText: string): void {
    this.interrupted.push(spokenText);
  }

  end(reason: string): Promise<void> {
    this.endedWith = reason;
    return Promise.resolve();
  }
}

const say = (text: string): ReplyEvent => ({ kind: 'sentence', text });

async function* events(list: ReplyEvent[]): AsyncGenerator<ReplyEvent> {
  for (const e of list) {
    await Promise.resolve();
    yield e;
  }
}

/** VAD, STT and TTS fakes: the test scripts the detector's next events and the recognizer's text. */
export class FakeSpeech implements SpeechEngines {
  /** Events the detector reports for the next frames, one entry per frame. */
  script: SpeechEvent[][] = [];
  /** What the recognizer hears in the next utterance. */
  nextText = '';
  /** Every sentence synthesized, in order. */
  spoken: string[] = [];
  sttStreams = 0;
  /** The detector's speech probability for the frames that follow (0..1). */
  probability = 0.9;

  readonly vad = {
    name: 'fake-vad',
    createStream: () => {
      const probability = (): number => this.probability;
      return {
        push: (): Promise<SpeechEvent[]> => Promise.resolve(this.script.shift() ?? []),
        get lastProbability(): number {
          return probability();
        },
        close: () => undefined,
      };
    },
  };

  readonly stt = {
    name: 'fake-stt',
    startStream: (): SpeechToTextStream => {
      this.sttStreams++;
      return {
        write: () => undefined,
        end: () => Promise.resolve({ text: this.nextText, engine: 'fake-stt' }),
        abort: () => undefined,
      };
    },
    transcribe: () => Promise.reject(new Error('not used')),
  };

  readonly tts = {
    name: 'fake-tts',
    synthesize: (text: string, signal?: AbortSignal) => {
      if (signal?.aborted) return Promise.reject(new Error('aborted'));
      this.spoken.push(text);
      // 100 ms of audio per word at 8 kHz.
      const words = text.split(/\s+/).length;
      return Promise.resolve({ pcm: new Int16Array(800 * words).fill(1000), sampleRateHz: 8000 });
    },
  };

  close(): Promise<void> {
    return Promise.resolve();
  }
}

export const behaviour: AgentBehaviour = {
  silenceTimeoutMs: 5000,
  silenceReprompts: 2,
  goodbye: 'Thank you for calling, goodbye.',
  maxCallDurationS: 600,
  transferDigit: '0',
};

export interface Harness {
  session: CallSession;
  /** Every digit the session reported received ("5:rfc4733"), in order. */
  received: string[];
  clock: FakeClock;
  media: FakeMedia;
  call: FakeCall;
  speech: FakeSpeech;
  conversation: FakeConversation;
  bridged: string[];
  messages: unknown[];
  /** Every answered turn's timings (onTurnLatency). */
  latencies: TurnTimings[];
  /** Set when the session has ended. */
  end: () => CallEnd | undefined;
  /** The caller starts speaking (speech confirmed). */
  speechStart(): Promise<void>;
  /** The caller's utterance ends with the recognizer hearing `text` (`durationMs` of segment). */
  speechEnd(text: string, durationMs?: number): Promise<void>;
  /** A whole short utterance. */
  says(text: string, durationMs?: number): Promise<void>;
  /**
   * 20 ms frames inside the detector's segment (speech-audio), `voiced` then `quiet` of them, the
   * clock moving 20 ms per frame. The recognizer hears `text` in any part finalized meanwhile.
   */
  talk(text: string, voiced: number, quiet: number): Promise<void>;
}

export function startSession(
  o: {
    behaviour?: Partial<AgentBehaviour>;
    bridge?: (target: string) => Promise<boolean>;
    allowTransfer?: (target: string) => Promise<boolean>;
    fixedTts?: CallSessionDeps['fixedTts'];
    /** The greeting's voice (default: the fake TTS's constant-level audio). */
    greetingTts?: CallSessionDeps['greetingTts'];
    /** The conversation can prepare answers (speculation). */
    speculative?: boolean;
    /**
     * Runs before the session is made (the call set up, the agent still compiling): may hold
     * early digits (early-digits.ts) and press keys; what it returns is the session's `heldDigits`.
     */
    beforeSession?: (media: FakeMedia, call: FakeCall) => CallSessionDeps['heldDigits'];
  } = {},
): Harness {
  const b = { ...behaviour, ...o.behaviour };
  const clock = new FakeClock();
  const media = new FakeMedia();
  const call = new FakeCall();
  const speech = new FakeSpeech();
  const conversation = new FakeConversation(b, o.speculative);
  const bridged: string[] = [];
  const messages: unknown[] = [];
  const latencies: TurnTimings[] = [];
  const received: string[] = [];
  const heldDigits = o.beforeSession?.(media, call);
  const session = new CallSession({
    call,
    media,
    conversation,
    speech,
    phrases: [],
    behaviour: b,
    clock,
    // The fake recognizer answers each part's scripted text, so parts are decoded alone here;
    // re-decoding a resumed utterance from its start is tested in utterance.test.ts.
    utterance: { redecodeMaxMs: 0 },
    onMessage: (m) => messages.push(m),
    onTurnLatency: (t) => latencies.push(t),
    onDtmfReceived: (digit, source) => received.push(`${digit}:${source}`),
    ...(heldDigits ? { heldDigits } : {}),
    ...(o.fixedTts ? { fixedTts: o.fixedTts } : {}),
    ...(o.greetingTts ? { greetingTts: o.greetingTts } : {}),
    ...(o.allowTransfer ? { allowTransfer: o.allowTransfer } : {}),
    ...(o.bridge
      ? {
          bridge: (target: string) => {
            bridged.push(target);
            return o.bridge?.(target) ?? Promise.resolve(false);
          },
        }
      : {}),
  });
  let ended: CallEnd | undefined;
  void session.ended.then((e) => (ended = e));
  const pcm = new Int16Array(320);
  const h: Harness = {
    session,
    clock,
    media,
    call,
    speech,
    conversation,
    bridged,
    messages,
    latencies,
    received,
    end: () => ended,
    speechStart: async () => {
      speech.script.push([{ kind: 'speech-start', atMs: 0, pcm }]);
      await media.frame();
    },
    speechEnd: async (text, durationMs = 2000) => {
      speech.nextText = text;
      speech.script.push([{ kind: 'speech-end', atMs: 0, durationMs, pcm, reason: 'silence' }]);
      await media.frame();
    },
    says: async (text, durationMs) => {
      await h.speechStart();
      await h.speechEnd(text, durationMs);
    },
    talk: async (text, voiced, quiet) => {
      speech.nextText = text;
      for (let i = 0; i < voiced + quiet; i++) {
        speech.probability = i < voiced ? 0.9 : 0.05;
        speech.script.push([{ kind: 'speech-audio', atMs: 0, pcm }]);
        await clock.advance(20);
        await media.frame();
      }
      speech.probability = 0.9;
    },
  };
  session.start();
  return h;
}
