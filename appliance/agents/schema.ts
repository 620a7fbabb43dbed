import { z } from 'zod';
import { canonicalNumber } from './numbers.js';

/**
 * The agent's configuration: one schema for the REST body, the stored document and the
 * conversation engine. Everything but the name has a sensible default.
 */
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time as HH:MM (24 h)');

export const personalitySchema = z.strictObject({
  /** The name the agent introduces itself with. */
  name: z.string().trim().min(1).max(60).default('Alex'),
  tone: z.enum(['friendly', 'professional', 'concise', 'warm']).default('friendly'),
  /** Extra guidance for an LLM, when one is configured. */
  instructions: z.string().max(4000).default(''),
});

export const voiceSchema = z.strictObject({
  engine: z.enum(['auto', 'piper', 'flite', 'festival', 'espeak-ng']).default('auto'),
  voice: z.string().max(100).default(''),
  /** Speaking rate multiplier (1 = normal). */
  speed: z.number().min(0.5).max(2).default(1),
});

export const openingHoursSchema = z.strictObject({
  days: z.array(z.enum(weekdays)).min(1),
  open: hhmm,
  close: hhmm,
});

export const factsSchema = z.strictObject({
  hours: z.array(openingHoursSchema).max(21).default([]),
  /** Free text such as "closed on public holidays". */
  hoursNote: z.string().max(500).default(''),
  address: z.string().max(500).default(''),
  phone: z.string().max(40).default(''),
  email: z.string().max(200).default(''),
  website: z.string().max(200).default(''),
  /** Extension or SIP URI of the human the agent transfers to. */
  transferExtension: z.string().max(200).default(''),
});

export const faqSchema = z.strictObject({
  question: z.string().trim().min(1).max(500),
  answer: z.string().trim().min(1).max(2000),
});

export const intentActions = ['respond', 'transfer', 'take_message', 'end_call'] as const;
export const intentSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9_]{0,49}$/, 'lower-case letters, digits and _'),
  examples: z.array(z.string().trim().min(1).max(300)).min(1).max(100),
  response: z.string().max(2000).default(''),
  action: z.enum(intentActions).default('respond'),
  /** How the agent names this intent when it must ask ("book a table"); defaults to the name. */
  label: z.string().trim().max(100).default(''),
});

/**
 * The urgent path: a caller in an urgent situation ("my cat is badly hurt and you're closed", "a
 * pipe has burst") gets emergency instructions and/or a transfer before anything else, message
 * taking included. Without instructions the documents' own emergency sentences are said.
 */
export const urgentSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** What to tell an urgent caller first (e.g. "Call the Riverside emergency vet on 555 0199."). */
  instructions: z.string().max(1000).default(''),
  /** Transfer urgent callers (to `extension`, else facts.transferExtension) when there is one. */
  transfer: z.boolean().default(true),
  extension: z.string().max(200).default(''),
  /** Extra words or phrases that mark a call urgent for this business ("foaling", "no heating"). */
  keywords: z.array(z.string().trim().min(2).max(60)).max(50).default([]),
});

export const behaviourSchema = z.strictObject({
  /** Caller silence before a reprompt, ms. */
  silenceTimeoutMs: z.number().int().min(2000).max(60_000).default(8000),
  /** Reprompts before saying goodbye. */
  silenceReprompts: z.number().int().min(0).max(5).default(1),
  goodbye: z.string().max(500).default('Thank you for calling. Goodbye!'),
  /** Longest call, s. */
  maxCallDurationS: z.number().int().min(30).max(14_400).default(900),
  /** DTMF digit that transfers to a human; empty disables. */
  transferDigit: z
    .string()
    .regex(/^[0-9*#]?$/)
    .default('0'),
  urgent: urgentSchema.default(urgentSchema.parse({})),
  /**
   * End of the caller's turn: `content` ends a complete question after 400 ms of quiet (the
   * content window) and waits the full 500 ms silence window otherwise; `silence` always waits for
   * the window. Default `content`: bench:turns measured 1.7 % false cut-offs on its tune set (1 of
   * 60 paused utterances) and 0 % held-out at 400 ms; shorter windows cut more (250-375 ms: 3.3-5 %).
   * Either way the answer to a complete question is prepared at the pause (speculation).
   */
  endOfTurn: z.enum(['content', 'silence']).default('content'),
  /**
   * RNNoise on the caller's audio before voice detection and recognition (the recording keeps the
   * original). Default on: bench:noise (README "Caller audio", each recording its own call) with
   * the per-agent model calls use, WER off -> on: clean 30.6 -> 31.5 %, street 5/10/20 dB
   * 40.5/32.4/30.6 -> 32.4/27.0/27.9 %, music 10 dB 76.6 -> 69.4 %, held-out cafe and clatter 5 dB
   * 69/35 -> 52/26 %; worse for babble (other people talking) and at 20 dB for two held-out
   * noises (car 14 -> 15 %, clatter 11 -> 14 %); 2.0-3.2 % of a core per call.
   */
  denoise: z.boolean().default(true),
  /**
   * Automatic gain control for quiet callers: up to +18 dB, rising at most 6 dB/s, falling 30 dB/s,
   * after the denoiser. Default off: on a caller 24 dB down it made recognition worse, not better
   * (open-vocabulary WER 42.3 % untreated, 51.4 % with AGC, 39.6 % with RNNoise + AGC against
   * 37.8 % RNNoise alone; pocketsphinx normalises level itself).
   */
  agc: z.boolean().default(false),
});

/**
 * A value the business wants from each call (issue 19), filled after the call by rules from the
 * caller's turns: `date` (a weekday, "tomorrow", "March 3rd", "3/14": the next such day from the
 * call as YYYY-MM-DD), `number` (digits or number words, after a cue when cues are given),
 * `text_after_cue` (the words after a cue such as "my dog's name is", up to 5), `order_number`
 * (`pattern`: A a letter, 9 a digit, anything else itself, e.g. "AB-99999"; empty: 5 or more
 * digits, letters allowed). Spoken digits ("one two three") count as digits.
 */
export const extractionFieldSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _'),
  kind: z.enum(['date', 'number', 'text_after_cue', 'order_number']),
  cues: z.array(z.string().trim().min(1).max(60)).max(10).default([]),
  pattern: z
    .string()
    .max(40)
    .regex(
      /^[A9a-zA-Z0-9 #/._-]*$/,
      'A for a letter, 9 for a digit, other letters, digits and # / . _ - as themselves',
    )
    .default(''),
});

/** Stored and shown in canonical form (`numbers.ts`): `+1 (555) 010-0100` is `15550100100`. */
const number = z
  .string()
  .trim()
  .max(64)
  .overwrite(canonicalNumber)
  .regex(/^\+?[0-9A-Za-z*#._-]{1,32}$/, 'a phone number or SIP user part (digits, +, letters, * # . _ -)')
  .describe(
    'a phone number (spaces, dots, dashes, parentheses and a leading + are dropped: digits, * and # remain) or a SIP user part',
  );

/** Fields a client may send. Create requires a name; update takes any subset. */
export const agentFields = {
  name: z.string().trim().min(1).max(100),
  greeting: z
    .string()
    .trim()
    .min(1)
    .max(1000)
    .describe(
      "The agent's opening line. When the business's CRM knows the caller, the name joins a leading " +
        'salutation ("Hello, thanks for calling" is spoken as "Hello Jane, thanks for calling"), or ' +
        '"Hello Jane." comes first. An explicit {callerName} placeholder puts the name where it stands ' +
        '("Welcome back, {callerName}!"); without a known name it is left out with its comma or space ' +
        '("Welcome back!").',
    ),
  language: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'a language tag such as en-US'),
  personality: personalitySchema,
  voice: voiceSchema,
  numbers: z.array(number).max(50),
  facts: factsSchema,
  faqs: z.array(faqSchema).max(1000),
  intents: z.array(intentSchema).max(200),
  behaviour: behaviourSchema,
  /** Values taken from each call's caller turns, shown in its post-call record. */
  extraction: z.array(extractionFieldSchema).max(20),
};

export const createAgentBody = z.strictObject({
  ...agentFields,
  greeting: agentFields.greeting.default('Hello, thank you for calling. How can I help you today?'),
  language: agentFields.language.default('en-US'),
  personality: agentFields.personality.default(personalitySchema.parse({})),
  voice: agentFields.voice.default(voiceSchema.parse({})),
  numbers: agentFields.numbers.default([]),
  facts: agentFields.facts.default(factsSchema.parse({})),
  faqs: agentFields.faqs.default([]),
  intents: agentFields.intents.default([]),
  behaviour: agentFields.behaviour.default(behaviourSchema.parse({})),
  extraction: agentFields.extraction.default([]),
});
export const updateAgentBody = z.strictObject(agentFields).partial();

export type AgentConfig = z.output<typeof createAgentBody>;
export type AgentUpdate = z.output<typeof updateAgentBody>;

export const agentStatuses = ['untrained', 'training', 'ready', 'failed'] as const;
export type AgentStatus = (typeof agentStatuses)[number];

export const agentView = createAgentBody.extend({
  id: z.string(),
  status: z.enum(agentStatuses),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type AgentView = z.output<typeof agentView>;
