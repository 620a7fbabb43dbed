/**
 * Narrow ports the call orchestrator depends on. The models layer (VAD, STT, TTS) and the agent
 * engine satisfy them structurally; tests and benchmarks pass the same real engines.
 */
import type { SttChannel } from '../../models/index.js';
import type { Kysely } from 'kysely';
import type { ReplyEvent, Utterance } from '../agent/index.js';
import type { Database } from '../db/index.js';
import type { CallSummary } from '../integrations/index.js';

/** Speech events of one call's detector (16 kHz mono); times are ms of audio since the stream began. */
export type SpeechEvent =
  | { kind: 'speech-start'; atMs: number; pcm: Int16Array }
  | { kind: 'speech-audio'; atMs: number; pcm: Int16Array }
  | { kind: 'speech-end'; atMs: number; durationMs: number; pcm: Int16Array; reason: string };

export interface VadOptionsPort {
  startThreshold?: number;
  minSpeechMs?: number;
  minSilenceMs?: number;
  preRollMs?: number;
  maxUtteranceMs?: number;
}

/**
 * The caller-audio chain ahead of the detector (models/denoise, per agent): RNNoise and AGC run on
 * the 16 kHz audio the detector and STT get; the recording keeps what the caller sent.
 */
export interface CallerAudioPort {
  denoise?: boolean;
  agc?: boolean;
}

export interface VoiceActivityStream {
  push(pcm: Int16Array, sampleRateHz: number): Promise<SpeechEvent[]>;
  /** Probability of the last scored frame (0..1). */
  readonly lastProbability: number;
  close(): void;
}

export interface VoiceActivityDetector {
  readonly name: string;
  createStream(opts: VadOptionsPort & CallerAudioPort): VoiceActivityStream;
}

export interface SttOutcome {
  text: string;
  engine: string;
}

export interface SpeechToTextStream {
  write(pcm: Int16Array, sampleRateHz: number): void;
  end(): Promise<SttOutcome>;
  abort(): void;
}

export interface SpeechToText {
  readonly name: string;
  /** `phrases` bias recognition towards what this agent's callers say. */
  /** `channel`: the call's recogniser state, so one call's line never shapes another's. */
  startStream(opts: {
    phrases?: readonly string[];
    signal?: AbortSignal;
    channel?: SttChannel;
  }): SpeechToTextStream;
  transcribe(pcm: Int16Array, sampleRateHz: number, phrases?: readonly string[]): Promise<SttOutcome>;
  /** Prepares the agent's biased model ahead of the first utterance (at call start); best effort. */
  warm?(phrases: readonly string[]): Promise<void>;
}

export interface SpeechAudio {
  pcm: Int16Array;
  sampleRateHz: number;
}

export interface TextToSpeech {
  readonly name: string;
  synthesize(text: string, signal?: AbortSignal): Promise<SpeechAudio>;
}

export interface SpeechEngines {
  vad: VoiceActivityDetector;
  stt: SpeechToText;
  tts: TextToSpeech;
  close(): Promise<void>;
}

/** A reply planned ahead of the end of the caller's turn (speculation.ts); nothing is recorded until commit. */
export interface PreparedReply {
  /** The sentences it will say, known before commit (empty when they are written at commit). */
  readonly sentences: readonly string[];
  /** From here on it is the conversation's turn (recorded, state advanced), as respond(). */
  commit(opts?: { signal?: AbortSignal }): AsyncIterable<ReplyEvent>;
}

/** One live conversation of the agent engine (appliance/agent Conversation). */
export interface AgentConversation {
  readonly id: string;
  greeting(): { text: string; sentences: string[] };
  respond(utterance: Utterance, opts?: { signal?: AbortSignal }): AsyncIterable<ReplyEvent>;
  /** Plans the reply to `utterance` without any side effect (absent: no speculation). */
  prepare?(utterance: Utterance): Promise<PreparedReply>;
  onDtmf(digit: string, opts?: { signal?: AbortSignal }): AsyncIterable<ReplyEvent>;
  onSilence(count: number, opts?: { signal?: AbortSignal }): AsyncIterable<ReplyEvent>;
  markInterrupted(spokenText: string): void;
  end(reason: string): Promise<void>;
  /** Resolves when every turn so far is stored. */
  flush?(): Promise<void>;
}

export interface AgentBehaviour {
  silenceTimeoutMs: number;
  silenceReprompts: number;
  goodbye: string;
  maxCallDurationS: number;
  transferDigit: string;
  /** End of turn (turn-end.ts): `content` (default) or `silence` only. */
  endOfTurn?: 'content' | 'silence';
  /** RNNoise on the caller's audio before VAD and STT (agents/schema.ts; absent: off). */
  denoise?: boolean;
  /** Automatic gain control for quiet callers (absent: off). */
  agc?: boolean;
}

/**
 * The conversation channel a call is stored under (`calls.channel`, bridged-leg.ts, says instead
 * which transport carried it: sip, twilio or webrtc).
 */
export type ConversationChannel = 'voice' | 'webrtc';

/** The SIP user part prefix of the calls the WebRTC gateway (Janus) places for browser callers. */
export const WEB_CALL_PREFIX = 'webcall-';

/**
 * Browser calls (appliance/webcall): the gateway dials `webcall-<key>`; the key was handed out for
 * one admitted browser call and is claimed once, from the gateway's address only.
 */
export interface WebCallRouter {
  /** The call's target, or undefined (unknown, used or expired key; not from the gateway). */
  claim(dialed: string, remoteAddress: string): { businessId: string; agentId: string } | undefined;
}

export interface AgentBrain {
  /** `callerName`: as the CRM gave it; the agent sanitizes it before it is spoken or stored. */
  start(opts: {
    businessId: string;
    agentId: string;
    caller?: string;
    callerName?: string;
    /** Where the call came from: the phone trunk (default `voice`) or a browser (`webrtc`). */
    channel?: ConversationChannel;
  }): Promise<AgentConversation>;
  behaviour(
    businessId: string,
    agentId: string,
  ): Promise<{ behaviour: AgentBehaviour; transferExtension: string }>;
  sttPhrases(businessId: string, agentId: string): Promise<readonly string[]>;
}

/** What the calls module needs of the business's CRM connections (appliance/integrations). */
export interface CallerCrm {
  /** The caller's name, or undefined (unknown number, no connection, no answer within timeoutMs). */
  lookupCaller(businessId: string, phone: string, timeoutMs: number): Promise<{ name?: string } | undefined>;
  /** Queues the summary through the outbox in `trx`; returns how many connections get it. */
  postCallSummary(trx: Kysely<Database>, businessId: string, summary: CallSummary, at: Date): Promise<number>;
}
