/**
 * A Twilio call end to end, Twilio played by the test: the number's webhook is posted signed with
 * the business's auth token and answers `<Connect><Stream>` TwiML; a WebSocket client then follows
 * Media Streams' documented sequence (`connected`, `start` with the TwiML's parameters, 20 ms μ-law
 * `media` frames in real time, `stop`) and speaks festival's voice (the appliance speaks flite).
 * What the agent sends back as `media` is transcribed with pocketsphinx restricted to candidate
 * answers and must hold the fact; a question spoken over an answer must get `clear`; each reply
 * ends with a `mark`. Then the records: channel `twilio`, the CallSid, a conversation, and the
 * signed status callback stored against the call.
 */
import t from 'tap';
import WebSocket from 'ws';
import { decodePcmu, encodePcmu, resample } from '../../../media/index.js';
import { createModelRuntime, type ModelRuntime } from '../../../models/index.js';
import { startCallsApi } from '../../calls/test/helpers/calls-api.js';
import { festivalSpeech, haveFestival, sleep, waitFor } from '../../calls/test/helpers/caller.js';
import { sharedModelsDir } from '../../test/helpers/shared.js';
import { twilioSignature } from '../index.js';

if (!haveFestival()) {
  t.plan(0, 'festival (text2wave) is not installed: no caller voice');
  process.exit(0);
}

const ACCOUNT = 'AC' + 'c0ffee'.repeat(5) + '00';
const TOKEN = 'twilio-test-auth-token-0123456789';
const CALL_SID = 'CA' + '1234abcd'.repeat(4);
const STREAM_SID = 'MZ' + 'feedbeef'.repeat(4);
const NUMBER = '+15550101000';
const QUESTION = 'What are your opening hours?';
const OVER = 'Where are you located?';

/** Form-encodes and signs a Twilio request for `url` (what Twilio itself does). */
function signed(
  url: string,
  params: Record<string, string>,
): { raw: string; headers: Record<string, string> } {
  const pairs = Object.entries(params);
  return {
    raw: new URLSearchParams(pairs).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilioSignature(TOKEN, url, pairs),
    },
  };
}

/** Loud 20 ms frames of μ-law (above -40 dBFS): the agent speaking. */
function loud(ulaw: Buffer): boolean {
  const pcm = decodePcmu(ulaw);
  let acc = 0;
  for (const s of pcm) acc += s * s;
  return 10 * Math.log10(acc / Math.max(1, pcm.length) / 32768 ** 2 + 1e-12) > -40;
}

t.test('a Twilio caller asks, hears the answer as media frames, and barges in', async (t) => {
  // The caller's voice is made first: festival blocks this process for seconds on a busy box.
  const questionSpeech = festivalSpeech(QUESTION);
  const overSpeech = festivalSpeech(OVER);
  const { api } = await startCallsApi(t, { rtpPortMin: 43000 });
  const b = await api.register('Twilio Bakery');
  t.equal(
    (await api.call('POST', '/business/subscribe', { token: b.token, body: { planId: 'enterprise' } }))
      .status,
    201,
  );
  const agent = await api.call<{ id: string }>('POST', '/agents', {
    token: b.token,
    body: {
      name: 'Twilio Bakery desk',
      greeting: 'Hello, Twilio Bakery.',
      numbers: [NUMBER],
      facts: {
        hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], open: '09:00', close: '17:00' }],
        address: '12 Main Street',
      },
      behaviour: { silenceTimeoutMs: 20_000, maxCallDurationS: 120 },
    },
  });
  t.equal(agent.status, 201);
  const put = await api.call<{ accountSid: string; webhookUrl: string }>('PUT', '/twilio/account', {
    token: b.token,
    body: { accountSid: ACCOUNT, authToken: TOKEN },
  });
  t.equal(put.status, 200);
  t.notOk(JSON.stringify(put.body).includes(TOKEN), 'the auth token is not returned');
  const webhookUrl = `${api.baseUrl}/api/v1/voice/webhook`;
  t.equal(put.body.webhookUrl, webhookUrl, 'the webhook URL to set in Twilio');

  // The incoming call's webhook, as Twilio posts it.
  const hook = signed(webhookUrl, {
    AccountSid: ACCOUNT,
    ApiVersion: '2010-04-01',
    CallSid: CALL_SID,
    CallStatus: 'ringing',
    Called: NUMBER,
    Caller: '+15557654321',
    Direction: 'inbound',
    From: '+15557654321',
    To: NUMBER,
  });
  const twiml = await api.call<string>('POST', '/api/v1/voice/webhook', {
    raw: hook.raw,
    headers: hook.headers,
  });
  t.equal(twiml.status, 200, `TwiML (${String(twiml.body).slice(0, 200)})`);
  t.match(twiml.headers.get('content-type') ?? '', /text\/xml/);
  const xml = String(twiml.body);
  const streamUrl = /<Stream url="([^"]+)"/.exec(xml)?.[1];
  const param = (name: string): string | undefined =>
    new RegExp(`<Parameter name="${name}" value="([^"]+)"/>`).exec(xml)?.[1];
  t.equal(streamUrl, `${api.baseUrl.replace(/^http/, 'ws')}/api/v1/voice/stream`);
  t.equal(param('business'), b.businessId);
  t.equal(param('agent'), agent.body.id);
  const streamToken = param('token');
  if (!streamUrl || !streamToken) return void t.fail(`no stream in ${xml}`);

  // Media Streams, as Twilio drives it.
  const ws = new WebSocket(streamUrl);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const heard: Buffer[] = []; // every media frame from the appliance, in order
  const loudAt: number[] = []; // frame index of each loud frame
  const clears: number[] = []; // frame count when each `clear` arrived
  const marks: string[] = [];
  let closed: { code: number; reason: string } | undefined;
  let otherStream = 0;
  ws.on('message', (data: Buffer) => {
    const m = JSON.parse(data.toString('utf8')) as {
      event: string;
      streamSid: string;
      media?: { payload: string };
      mark?: { name: string };
    };
    if (m.streamSid !== STREAM_SID) otherStream++;
    if (m.event === 'media' && m.media) {
      const f = Buffer.from(m.media.payload, 'base64');
      if (loud(f)) loudAt.push(heard.length);
      heard.push(f);
    } else if (m.event === 'clear') clears.push(heard.length);
    else if (m.event === 'mark' && m.mark) {
      marks.push(m.mark.name);
      // Twilio echoes a mark once the audio before it has played.
      ws.send(JSON.stringify({ event: 'mark', sequenceNumber: '0', streamSid: STREAM_SID, mark: m.mark }));
    }
  });
  ws.on('close', (code, reason) => (closed = { code, reason: reason.toString() }));
  t.teardown(() => ws.close());

  // The caller's microphone: a queue of 8 kHz μ-law, sent as 20 ms frames on a real-time clock
  // (silence when the queue is empty, as a phone line does).
  let seq = 1;
  let chunk = 0;
  const queue: Buffer[] = [];
  const say = (pcm16k: Int16Array): number => {
    const ulaw = Buffer.from(encodePcmu(resample(pcm16k, 16000, 8000)));
    for (let i = 0; i < ulaw.length; i += 160) queue.push(Buffer.concat([ulaw.subarray(i, i + 160)], 160));
    return (ulaw.length / 8000) * 1000;
  };
  const send = (m: object): void => ws.send(JSON.stringify({ sequenceNumber: String(seq++), ...m }));
  send({ event: 'connected', protocol: 'Call', version: '1.0.0' });
  send({
    event: 'start',
    streamSid: STREAM_SID,
    start: {
      accountSid: ACCOUNT,
      streamSid: STREAM_SID,
      callSid: CALL_SID,
      tracks: ['inbound'],
      customParameters: { token: streamToken, business: b.businessId, agent: agent.body.id },
      mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
    },
  });
  const t0 = performance.now();
  const mic = setInterval(() => {
    // Frames due by now (the timer drifts on a busy box; the line does not).
    while (chunk < Math.floor((performance.now() - t0) / 20)) {
      const f = queue.shift() ?? Buffer.alloc(160, 0xff);
      chunk++;
      if (ws.readyState === WebSocket.OPEN)
        send({
          event: 'media',
          streamSid: STREAM_SID,
          media: {
            track: 'inbound',
            chunk: String(chunk),
            timestamp: String(chunk * 20),
            payload: f.toString('base64'),
          },
        });
    }
  }, 10);
  t.teardown(() => clearInterval(mic));

  /** The agent spoke since frame `from` and has then been quiet for quietMs. */
  const agentDone = (from: number, quietMs: number, timeoutMs: number): Promise<boolean> =>
    waitFor(() => {
      const last = loudAt.at(-1);
      return last !== undefined && last >= from && (heard.length - last) * 20 > quietMs;
    }, timeoutMs);

  t.ok(await agentDone(0, 700, 20_000), 'the greeting arrived as media frames');
  t.ok(await waitFor(() => marks.length >= 1, 3000), `a mark after the greeting (${marks.join(', ')})`);
  // A caller's pause before speaking; the agent's recognition model finishes warming meanwhile
  // (seconds on a busy box: a question asked sooner may be decoded before it is ready).
  await sleep(3000);
  await sleep(say(questionSpeech));
  const answerFrom = heard.length;
  t.ok(await agentDone(answerFrom, 1200, 25_000), 'the answer arrived');
  const answer = Buffer.concat(heard.slice(answerFrom));
  const marksAfterAnswer = marks.length;
  t.ok(marksAfterAnswer >= 2, `a mark after the answer (${marks.join(', ')})`);
  t.equal(clears.length, 0, 'no clear while nobody talked over the agent');

  // Barge-in: the caller asks again and talks over the answer once it has started.
  const loudBefore = loudAt.length;
  await sleep(say(questionSpeech) + 300);
  t.ok(await waitFor(() => loudAt.length > loudBefore + 25, 20_000), 'the second answer started');
  say(overSpeech);
  t.ok(await waitFor(() => clears.length > 0, 10_000), `speech over the answer got clear (${clears.length})`);
  const overAt = heard.length;
  t.ok(await agentDone(overAt, 1200, 25_000), 'the question spoken over the answer was answered');

  // The caller hangs up: Twilio sends stop and closes.
  send({ event: 'stop', streamSid: STREAM_SID, stop: { accountSid: ACCOUNT, callSid: CALL_SID } });
  t.ok(await waitFor(() => closed !== undefined, 5000), `the appliance closed the stream (${closed?.code})`);
  t.equal(closed?.code, 1000);
  t.equal(otherStream, 0, 'every message named the stream');
  const calls = api.app.modules.calls;
  t.ok(await waitFor(() => calls.manager?.activeCount === 0, 10_000), 'no call left');

  // What the caller heard after the question: pocketsphinx, restricted to candidate answers.
  const db = api.app.ctx.db.kysely;
  let row:
    | {
        id: string;
        channel: string;
        external_id: string | null;
        conversation_id: string | null;
        state: string;
      }
    | undefined;
  for (let i = 0; i < 100 && row?.state !== 'ended'; i++) {
    row = await db
      .selectFrom('calls')
      .select(['id', 'channel', 'external_id', 'conversation_id', 'state'])
      .where('business_id', '=', b.businessId)
      .executeTakeFirst();
    if (row?.state !== 'ended') await sleep(100);
  }
  t.equal(row?.channel, 'twilio', 'the call is recorded as a Twilio call');
  t.equal(row?.external_id, CALL_SID, 'with its CallSid');
  t.equal(row?.state, 'ended');
  const detail = await api.call<{
    turns: Array<{
      speaker: string;
      text: string;
      interrupted?: boolean;
      latency: Record<string, number> | null;
    }>;
  }>('GET', `/conversations/${row?.conversation_id}`, { token: b.token });
  const turns = detail.body.turns ?? [];
  t.comment(turns.map((x) => `${x.speaker}: ${x.text}${x.interrupted ? ' [interrupted]' : ''}`).join(' | '));
  const firstAsk = turns.findIndex((x) => x.speaker === 'caller');
  const answerTurn = turns.slice(firstAsk + 1).find((x) => x.speaker === 'agent');
  t.match(answerTurn?.text ?? '', /9|nine/i, `the stored answer holds the hours: ${answerTurn?.text}`);
  t.ok(
    answerTurn?.latency?.voiceToVoiceMs !== undefined,
    'voice-to-voice latency stored for the Twilio turn',
  );
  t.ok(
    turns.some((x) => x.speaker === 'agent' && x.interrupted),
    'the answer spoken over is stored as interrupted',
  );
  t.match(turns.at(-1)?.text ?? '', /Main Street/, 'and the question spoken over it was answered');
  let stt: ModelRuntime | undefined;
  try {
    stt = await createModelRuntime({
      modelsDir: sharedModelsDir(),
      prefer: { stt: 'pocketsphinx', tts: 'espeak-ng' },
    });
    const candidates = [
      (answerTurn?.text ?? '')
        .toLowerCase()
        .replace(/[.,;:!?]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
      'we are at twelve main street',
      'hello twilio bakery',
      'sorry i did not catch that could you say it again',
    ];
    const r = await stt.stt.transcribe(
      { pcm: resample(decodePcmu(answer), 8000, 16000), sampleRateHz: 16000 },
      { bias: { phrases: candidates, mode: 'grammar' } },
    );
    t.match(r.text, /\bnine\b/, `the caller heard the hours in the media frames: "${r.text}"`);
  } finally {
    await stt?.close();
  }

  // Twilio's status callback for the call, signed, recorded against the call and conversation.
  const statusUrl = `${api.baseUrl}/api/v1/voice/status`;
  const status = signed(statusUrl, {
    AccountSid: ACCOUNT,
    CallSid: CALL_SID,
    CallStatus: 'completed',
    CallDuration: '30',
    Timestamp: 'Thu, 03 Dec 2026 23:00:00 +0000',
  });
  t.equal(
    (await api.call('POST', '/api/v1/voice/status', { raw: status.raw, headers: status.headers })).status,
    204,
  );
  const ev = await db
    .selectFrom('call_events')
    .selectAll()
    .where('business_id', '=', b.businessId)
    .where('event', '=', 'completed')
    .executeTakeFirst();
  t.equal(ev?.call_id, row?.id, 'the status is stored against the call');
  t.equal(ev?.conversation_id, row?.conversation_id, 'and its conversation');
  const after = await db
    .selectFrom('calls')
    .select('external_status')
    .where('id', '=', row?.id ?? '')
    .executeTakeFirst();
  t.equal(after?.external_status, 'completed');

  // The stream token was for this one call: a second stream with it is refused.
  const again = new WebSocket(streamUrl);
  const refused = await new Promise<{ code: number; reason: string }>((resolve) => {
    again.once('open', () =>
      again.send(
        JSON.stringify({
          event: 'start',
          streamSid: STREAM_SID,
          start: {
            accountSid: ACCOUNT,
            callSid: CALL_SID,
            customParameters: { token: streamToken },
            mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
          },
        }),
      ),
    );
    again.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  t.equal(refused.code, 1008, `a replayed stream token is refused (${refused.reason})`);
});
