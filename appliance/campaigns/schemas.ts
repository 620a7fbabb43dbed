import { z } from 'zod';
import { maxCsvBytes, maxNumbersPerList } from './csv.js';
import { campaignCallOutcomes, campaignStates, numberStates, pauseReasons, weekdays } from './types.js';
import { isValidTimeZone, minutesOf } from './window.js';

/** The zod schemas of the campaign routes: they validate requests and make the OpenAPI document. */
const hhmm = z.string().refine((v) => minutesOf(v) !== undefined, 'HH:MM, 00:00 to 24:00');
export const windowSchema = z
  .strictObject({ days: z.array(z.enum(weekdays)).min(1).max(7), from: hhmm, to: hhmm })
  .refine((w) => w.from !== w.to, 'from and to must differ');
const timeZone = z.string().max(64).refine(isValidTimeZone, 'an IANA time zone (e.g. Europe/Berlin)');
const numberItem = z.union([
  z.string().max(64),
  z.strictObject({ number: z.string().max(64), name: z.string().max(200).nullable().optional() }),
]);

export const createCampaignBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  agentId: z.uuid(),
  /** Numbers as JSON; large lists are uploaded as CSV (`csv` here or POST /campaigns/{id}/numbers). */
  numbers: z.array(numberItem).max(maxNumbersPerList).optional(),
  csv: z.string().max(maxCsvBytes).optional(),
  /** Default: the business's time zone. */
  timeZone: timeZone.optional(),
  /** Default: Monday to Friday 09:00-17:00. */
  windows: z.array(windowSchema).min(1).max(21).optional(),
  /** Calls at once; at most the box's `sip.maxConcurrentCalls`. */
  concurrency: z.number().int().min(1).default(1),
  maxAttempts: z.number().int().min(1).max(10).default(3),
  /** Wait before the 2nd attempt, s; doubled for each further one. */
  retryBackoffS: z
    .number()
    .int()
    .min(60)
    .max(7 * 86_400)
    .default(600),
  voicemailMessage: z.string().trim().min(1).max(1000).nullable().default(null),
  amd: z.boolean().default(true),
});

export const campaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  agentId: z.string(),
  status: z.enum(campaignStates),
  pauseReason: z.enum(pauseReasons).nullable(),
  timeZone: z.string(),
  windows: z.array(windowSchema),
  concurrency: z.number().int(),
  maxAttempts: z.number().int(),
  retryBackoffS: z.number().int(),
  voicemailMessage: z.string().nullable(),
  amd: z.boolean(),
  numbers: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
});

export const uploadSchema = z.object({
  added: z.number().int(),
  /** Repeats within the list plus numbers already in the campaign. */
  duplicates: z.number().int(),
  dncSkipped: z.number().int(),
  invalidCount: z.number().int(),
  /** The first 1000 invalid rows. */
  invalid: z.array(z.object({ line: z.number().int(), value: z.string(), reason: z.string() })),
});
/** Invalid rows listed in an upload's answer (all are counted). */
export const maxInvalidListed = 1000;

export const numberSchema = z.object({
  id: z.string(),
  number: z.string(),
  name: z.string().nullable(),
  line: z.number().int(),
  status: z.enum(numberStates),
  attempts: z.number().int(),
  outcome: z.enum(campaignCallOutcomes).nullable(),
  lastCallId: z.string().nullable(),
  lastReason: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  durationS: z.number(),
  updatedAt: z.string(),
});

export const count = z.number().int();
export const reportSchema = z.object({
  campaignId: z.string(),
  numbers: count,
  byState: z.record(z.enum(numberStates), count),
  byOutcome: z.record(z.enum(campaignCallOutcomes), count),
  attempts: count,
  dialed: count,
  answerRate: z.number().nullable(),
  voicemailRate: z.number().nullable(),
  minutes: z.number(),
});

export const idParams = z.strictObject({ id: z.uuid() });
export const page = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};
