/**
 * Twilio Media Streams messages (bidirectional `<Connect><Stream>`), as Twilio documents them:
 * from Twilio `connected`, `start` (stream and call ids, custom parameters, media format),
 * `media` (base64 μ-law 8 kHz, 20 ms per message), `mark` (a mark we sent has been played),
 * `dtmf` and `stop`; to Twilio `media`, `mark` and `clear`. Parsing never throws anything but a
 * `StreamMessageError` with a short reason, whatever the bytes.
 */
import { z } from 'zod';

/** Largest message accepted, bytes (a 20 ms media message is ~400; `start` with parameters ~2 KiB). */
export const MAX_MESSAGE_BYTES = 16_384;
/** Largest μ-law payload in one media message, bytes (1 s; Twilio sends 160). */
export const MAX_MEDIA_BYTES = 8000;

export class StreamMessageError extends Error {
  override readonly name = 'StreamMessageError';
}

const sid = z.string().min(1).max(64);
const seq = z.union([z.string().max(20), z.number()]).optional();

const connected = z.object({ event: z.literal('connected'), protocol: z.string().max(32).optional() });

const start = z.object({
  event: z.literal('start'),
  sequenceNumber: seq,
  streamSid: sid,
  start: z.object({
    streamSid: sid.optional(),
    accountSid: sid,
    callSid: sid,
    tracks: z.array(z.string().max(32)).max(4).optional(),
    customParameters: z.record(z.string().max(64), z.string().max(2048)).optional(),
    mediaFormat: z.object({
      encoding: z.string().max(64),
      sampleRate: z.number(),
      channels: z.number(),
    }),
  }),
});

const media = z.object({
  event: z.literal('media'),
  sequenceNumber: seq,
  streamSid: sid,
  media: z.object({
    track: z.string().max(32).optional(),
    chunk: z.union([z.string().max(20), z.number()]).optional(),
    timestamp: z.union([z.string().max(20), z.number()]).optional(),
    payload: z
      .string()
      .max(Math.ceil(MAX_MEDIA_BYTES / 3) * 4)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
  }),
});

const mark = z.object({
  event: z.literal('mark'),
  sequenceNumber: seq,
  streamSid: sid,
  mark: z.object({ name: z.string().max(256) }),
});

const dtmf = z.object({
  event: z.literal('dtmf'),
  sequenceNumber: seq,
  streamSid: sid,
  dtmf: z.object({ track: z.string().max(32).optional(), digit: z.string().regex(/^[0-9*#A-D]$/) }),
});

const stop = z.object({
  event: z.literal('stop'),
  sequenceNumber: seq,
  streamSid: sid,
  stop: z.object({ accountSid: sid.optional(), callSid: sid.optional() }).optional(),
});

const message = z.discriminatedUnion('event', [connected, start, media, mark, dtmf, stop]);
export type StreamMessage = z.infer<typeof message>;
export type StartMessage = z.infer<typeof start>;

/** One WebSocket text message from Twilio, checked. */
export function parseStreamMessage(data: string | Buffer): StreamMessage {
  const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  if (bytes > MAX_MESSAGE_BYTES) throw new StreamMessageError(`message over ${MAX_MESSAGE_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(typeof data === 'string' ? data : data.toString('utf8'));
  } catch {
    throw new StreamMessageError('not JSON');
  }
  const r = message.safeParse(json);
  if (!r.success) {
    const first = r.error.issues[0];
    throw new StreamMessageError(
      `bad ${typeof (json as { event?: unknown } | null)?.event === 'string' ? `'${String((json as { event: string }).event).slice(0, 32)}' ` : ''}message${first ? `: ${first.path.join('.') || '(root)'}: ${first.message.slice(0, 120)}` : ''}`,
    );
  }
  return r.data;
}

/** The caller's audio of a media message (μ-law bytes). */
export function mediaPayload(m: Extract<StreamMessage, { event: 'media' }>): Buffer {
  return Buffer.from(m.media.payload, 'base64');
}

export const outbound = {
  media: (streamSid: string, ulaw: Buffer): string =>
    JSON.stringify({ event: 'media', streamSid, media: { payload: ulaw.toString('base64') } }),
  mark: (streamSid: string, name: string): string =>
    JSON.stringify({ event: 'mark', streamSid, mark: { name } }),
  clear: (streamSid: string): string => JSON.stringify({ event: 'clear', streamSid }),
};
