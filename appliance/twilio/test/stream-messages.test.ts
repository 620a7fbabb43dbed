/**
 * The Media Streams message parser under fuzz (random bytes, mutated and truncated real messages,
 * wrong types, huge payloads): it returns a checked message or throws StreamMessageError, never
 * anything else. And the stream's state machine on bad input: a clear close reason (1008), no call
 * started, no exception into the server.
 */
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import t from 'tap';
import { parseStreamMessage, StreamMessageError } from '../index.js';
import { MediaStream, type StreamSocket } from '../media-stream.js';
import type { StreamGrant } from '../stream-token.js';

const SID = 'MZ18ad3ab5a668481ce02b83e7395059f0';
const CALL = 'CA0123456789abcdef0123456789abcdef';
const samples = [
  { event: 'connected', protocol: 'Call', version: '1.0.0' },
  {
    event: 'start',
    sequenceNumber: '1',
    streamSid: SID,
    start: {
      accountSid: 'AC0123456789abcdef0123456789abcdef',
      streamSid: SID,
      callSid: CALL,
      tracks: ['inbound'],
      customParameters: { token: 'x.y' },
      mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
    },
  },
  {
    event: 'media',
    sequenceNumber: '3',
    streamSid: SID,
    media: {
      track: 'inbound',
      chunk: '1',
      timestamp: '5',
      payload: Buffer.alloc(160, 0xff).toString('base64'),
    },
  },
  { event: 'mark', sequenceNumber: '4', streamSid: SID, mark: { name: 'reply-1' } },
  { event: 'dtmf', sequenceNumber: '5', streamSid: SID, dtmf: { track: 'inbound_track', digit: '1' } },
  { event: 'stop', sequenceNumber: '6', streamSid: SID, stop: { accountSid: 'AC1', callSid: CALL } },
];

/** Deterministic PRNG (mulberry32), so a failure can be replayed. */
function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const weird: unknown[] = [
  null,
  true,
  0,
  -1,
  Number.POSITIVE_INFINITY,
  '',
  'x'.repeat(5000),
  [],
  {},
  [1, 2],
  { a: 1 },
];

function mutate(v: unknown, r: () => number): unknown {
  if (r() < 0.15) return weird[Math.floor(r() * weird.length)];
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o: Record<string, unknown> = { ...(v as Record<string, unknown>) };
    const keys = Object.keys(o);
    const k = keys[Math.floor(r() * keys.length)];
    if (k !== undefined) {
      if (r() < 0.2) delete o[k];
      else o[k] = mutate(o[k], r);
    }
    if (r() < 0.05) o.__proto__ = { event: 'stop' };
    return o;
  }
  return v;
}

t.test('the real messages parse', async (t) => {
  for (const s of samples) t.equal(parseStreamMessage(JSON.stringify(s)).event, s.event);
});

t.test('fuzz: only StreamMessageError, whatever arrives', async (t) => {
  const r = rng(18);
  let rejected = 0;
  let accepted = 0;
  let unclear = 0;
  const inputs: Array<string | Buffer> = [];
  for (let i = 0; i < 3000; i++) inputs.push(randomBytes(Math.floor(r() * 300)));
  for (let i = 0; i < 6000; i++) {
    const base = samples[i % samples.length]!;
    const m = JSON.stringify(mutate(mutate(base, r), r));
    inputs.push(r() < 0.3 ? m.slice(0, Math.floor(r() * m.length)) : m);
  }
  inputs.push(JSON.stringify({ ...samples[2], media: { payload: 'A'.repeat(20_000) } }));
  inputs.push('{"event":"media","streamSid":"' + 'M'.repeat(20_000) + '"}');
  inputs.push('['.repeat(10_000));
  for (const input of inputs) {
    try {
      parseStreamMessage(input);
      accepted++;
    } catch (err) {
      if (!(err instanceof StreamMessageError)) {
        t.fail(`unexpected ${String(err)} for ${String(input).slice(0, 80)}`);
        return;
      }
      if (err.message.length === 0 || err.message.length > 300) unclear++;
      rejected++;
    }
  }
  t.equal(unclear, 0, 'every refusal says why, briefly');
  t.ok(rejected > 3000 && accepted > 0, `${accepted} accepted, ${rejected} refused with a reason`);
});

class FakeSocket implements StreamSocket {
  readyState = 1;
  sent: string[] = [];
  closed: { code: number; reason: string } | undefined;
  send(d: string): void {
    this.sent.push(d);
  }
  close(code: number, reason: string): void {
    this.closed = { code, reason };
    this.readyState = 3;
  }
}

function stream(grant?: StreamGrant): { s: MediaStream; sock: FakeSocket; legs: number } {
  const sock = new FakeSocket();
  const box = { s: undefined as unknown as MediaStream, sock, legs: 0 };
  box.s = new MediaStream(sock, {
    redeem: (tok) => (tok === 'good' ? grant : undefined),
    startLeg: () => {
      box.legs++;
      return Promise.reject(new Error('not in this test'));
    },
    log: pino({ level: 'silent' }),
  });
  return box;
}

t.test('bad frames close the stream with a reason and start no call', async (t) => {
  const cases: Array<[string, string | Buffer, RegExp]> = [
    ['not JSON', 'hello', /not JSON/],
    ['unknown event', '{"event":"explode","streamSid":"MZ1"}', /bad 'explode' message/],
    ['media before start', JSON.stringify(samples[2]), /media before start/],
    ['binary garbage', randomBytes(64), /not JSON|bad/],
    [
      'start without a token',
      JSON.stringify({
        ...samples[1],
        start: { ...(samples[1] as { start: object }).start, customParameters: {} },
      }),
      /token/,
    ],
    ['start with a bad token', JSON.stringify(samples[1]), /token/],
    [
      'wrong media format',
      JSON.stringify({
        ...samples[1],
        start: {
          ...(samples[1] as { start: object }).start,
          mediaFormat: { encoding: 'audio/l16', sampleRate: 16000, channels: 1 },
        },
      }),
      /audio\/x-mulaw/,
    ],
  ];
  for (const [name, input, why] of cases) {
    const { s, sock } = stream();
    s.onMessage(JSON.stringify(samples[0]));
    s.onMessage(input);
    await new Promise((r) => setImmediate(r));
    t.equal(sock.closed?.code, 1008, `${name}: closed with 1008`);
    t.match(sock.closed?.reason ?? '', why, `${name}: ${sock.closed?.reason}`);
    t.equal(s.current, 'closed');
    s.onMessage(JSON.stringify(samples[2])); // anything after the close is ignored
    s.onClose();
  }
});

t.test('a token for another call is refused', async (t) => {
  const grant: StreamGrant = {
    businessId: 'b',
    agentId: 'a',
    callSid: 'CAother',
    from: null,
    to: null,
    exp: Date.now() + 60_000,
  };
  const box = stream(grant);
  box.s.onMessage(
    JSON.stringify({
      ...samples[1],
      start: { ...(samples[1] as { start: object }).start, customParameters: { token: 'good' } },
    }),
  );
  await new Promise((r) => setImmediate(r));
  t.equal(box.legs, 0, 'no call started');
  t.match(box.sock.closed?.reason ?? '', /token/);
});

t.test('a call the appliance cannot take closes with 1013', async (t) => {
  const grant: StreamGrant = {
    businessId: 'b',
    agentId: 'a',
    callSid: CALL,
    from: null,
    to: null,
    exp: Date.now() + 60_000,
  };
  const box = stream(grant);
  box.s.onMessage(
    JSON.stringify({
      ...samples[1],
      start: { ...(samples[1] as { start: object }).start, customParameters: { token: 'good' } },
    }),
  );
  await new Promise((r) => setTimeout(r, 10));
  t.equal(box.legs, 1);
  t.equal(box.sock.closed?.code, 1013);
});
