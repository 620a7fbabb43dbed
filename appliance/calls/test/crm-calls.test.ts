/**
 * The business's CRM around real calls (SIP and RTP on 127.0.0.1, a REST CRM on 127.0.0.1): a
 * caller the CRM knows is greeted by name (stored greeting turn and the audio the caller heard);
 * an unknown number, a CRM answering 500 and a CRM that never answers get the normal greeting no
 * later than the lookup budget; the CRM receives each call's summary after the call ends.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { createModelRuntime, type ModelRuntime } from '../../../models/index.js';
import type { AgentModule } from '../../agent/index.js';
import type { TestApi } from '../../test/helpers/app.js';
import { sharedModelsDir } from '../../test/helpers/shared.js';
import { callSummaryText } from '../crm.js';
import { startCallsApi } from './helpers/calls-api.js';
import { insertCall, updateCall } from '../store.js';
import { concat, haveFestival, sleep, TestPeer, waitFor, type PeerCall } from './helpers/caller.js';

if (!haveFestival()) {
  t.plan(0, 'festival (text2wave) is not installed');
  process.exit(0);
}

/** The CRM lookup budget the appliance runs with here (the default, set explicitly), ms. */
const BUDGET_MS = 800;

const GREETING = 'Hello, thank you for calling Bella Pizza.';
const TOKEN = 'crm-token-2b7e151628aed2a6';
const KNOWN = '+15550101';
const HANGS = '+15550199';
const FAILS = '+15550500';
const UNKNOWN = '+15550404';

interface CrmRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: string;
}

let api: TestApi;
let peer: TestPeer;
let sipPort = 0;
let stt: ModelRuntime | undefined;
const crm = { url: '', received: [] as CrmRequest[], hung: new Set<ServerResponse>() };
let biz: { token: string; businessId: string; agentId: string };

/** A REST CRM: knows KNOWN, never answers for HANGS, fails for FAILS, accepts call summaries. */
async function startCrm(): Promise<() => Promise<void>> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: CrmRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        authorization: req.headers.authorization,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      crm.received.push(r);
      const answer = (status: number, body: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (r.authorization !== `Bearer ${TOKEN}`) return answer(401, {});
      if (r.method === 'POST' && r.path === '/api/calls') return answer(201, { ok: true });
      if (r.path === `/api/contacts?phone=${encodeURIComponent(KNOWN)}`)
        return answer(200, { id: 'c-1', name: 'Jane Doe' });
      if (r.path === `/api/contacts?phone=${encodeURIComponent(HANGS)}`) return void crm.hung.add(res);
      if (r.path === `/api/contacts?phone=${encodeURIComponent(FAILS)}`)
        return answer(500, { error: 'db down' });
      return answer(404, { error: 'not found' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  crm.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return () =>
    new Promise<void>((r) => {
      for (const res of crm.hung) res.destroy();
      server.closeAllConnections();
      server.close(() => r());
    });
}

interface Turn {
  speaker: string;
  text: string;
  meta: Record<string, unknown> | null;
}

interface CallResult {
  pc: PeerCall;
  /** Answer (200 OK at the caller) -> first loud frame of the greeting, ms. */
  firstAudioMs: number;
  /** Loud 20 ms frames of the whole greeting. */
  loudFrames: number;
  greetingAudio: Int16Array;
  conversationId: string;
  turns: Turn[];
}

/** Calls Bella Pizza from `from`, listens to the whole greeting, hangs up; the stored conversation. */
async function callAndListen(from: string): Promise<CallResult> {
  const pc = await peer.dial('1000', sipPort, { from });
  const answeredAt = performance.now();
  const heard = await waitFor(() => {
    const last = pc.heard.loudAt.at(-1);
    return last !== undefined && performance.now() - last > 800;
  }, 15_000);
  if (!heard) throw new Error(`no greeting heard on a call from ${from}`);
  const firstAudioMs = (pc.heard.loudAt[0] ?? Number.NaN) - answeredAt;
  const loudFrames = pc.heard.loudAt.length;
  const greetingAudio = concat(pc.heard.pcm);
  await pc.call.hangup();
  const calls = api.app.modules.calls;
  await waitFor(() => calls.manager?.activeCount === 0, 10_000);
  for (let i = 0; i < 100; i++) {
    const list = await api.call<{ items: Array<{ id: string; status: string; caller: string | null }> }>(
      'GET',
      '/conversations',
      { token: biz.token },
    );
    const c = list.body.items[0];
    if (c?.caller === from && c.status === 'ended') {
      const d = await api.call<{ turns: Turn[] }>('GET', `/conversations/${c.id}`, { token: biz.token });
      return { pc, firstAudioMs, loudFrames, greetingAudio, conversationId: c.id, turns: d.body.turns };
    }
    await sleep(100);
  }
  throw new Error(`no ended conversation for the call from ${from}`);
}

interface SummaryPost {
  id: string;
  type: string;
  createdAt: string;
  data: {
    conversationId: string;
    caller: string | null;
    startedAt: string;
    endedAt: string;
    durationMs: number;
    summary: string;
    outcome?: string;
    postCall?: { outcome: string; summary: string; sentiment: string; fields: Record<string, unknown> };
  };
}

async function summaryFor(
  conversationId: string,
): Promise<{ req: CrmRequest; post: SummaryPost } | undefined> {
  for (let i = 0; i < 100; i++) {
    for (const req of crm.received) {
      if (req.method !== 'POST' || req.path !== '/api/calls') continue;
      const post = JSON.parse(req.body) as SummaryPost;
      if (post.data.conversationId === conversationId) return { req, post };
    }
    await sleep(100);
  }
  return undefined;
}

t.before(async () => {
  const stopCrm = await startCrm();
  t.teardown(stopCrm);
  peer = await TestPeer.start();
  ({ api, sipPort } = await startCallsApi(t, {
    rtpPortMin: 36000,
    inactivityTimeoutMs: 2000,
    // Fast outbox timings so call summaries reach the CRM within the test.
    config: {
      outbox: { pollMs: 50, backoffBaseMs: 20, backoffMaxMs: 100 },
      calls: { crmLookupTimeoutMs: BUDGET_MS },
      // The CRM listens on loopback: the box operator's outbound allow-list lets calls reach it.
      outbound: { allowNetworks: ['127.0.0.1'] },
    },
  }));

  const b = await api.register('Bella Pizza');
  const s = await api.call('POST', '/business/subscribe', { token: b.token, body: { planId: 'enterprise' } });
  if (s.status !== 201) throw new Error(`subscribe: ${s.status}`);
  const a = await api.call<{ id: string }>('POST', '/agents', {
    token: b.token,
    body: {
      name: 'Bella agent',
      greeting: GREETING,
      numbers: ['1000'],
      facts: { address: '12 Main Street' },
      behaviour: { silenceTimeoutMs: 20_000, maxCallDurationS: 120 },
    },
  });
  if (a.status !== 201) throw new Error(`agent: ${a.status} ${JSON.stringify(a.body)}`);
  biz = { token: b.token, businessId: b.businessId, agentId: a.body.id };
  const i = await api.call('POST', '/integrations', {
    token: b.token,
    body: {
      name: 'Bella CRM',
      config: { baseUrl: `${crm.url}/api`, lookupPath: '/contacts?phone={phone}', summaryPath: '/calls' },
      credentials: { token: TOKEN },
    },
  });
  if (i.status !== 201) throw new Error(`integration: ${i.status} ${JSON.stringify(i.body)}`);
});

t.teardown(async () => {
  await peer?.stop();
  await stt?.close();
});

/** A call with no number in From ("anonymous"): no lookup at all, the reference for delays. */
let baseline: CallResult | undefined;

t.test('a caller without a number: no lookup, the normal greeting (the reference)', async (t) => {
  baseline = await callAndListen('anonymous');
  t.equal(baseline.turns[0]?.text, GREETING);
  t.equal(baseline.turns[0]?.meta, null);
  t.notOk(
    crm.received.some((r) => r.path.startsWith('/api/contacts')),
    'the CRM is not asked without a number',
  );
  t.comment(`first greeting audio ${baseline.firstAudioMs.toFixed(0)} ms after the answer`);
});

t.test('a caller the CRM knows is greeted by name; the CRM gets the call summary', async (t) => {
  const r = await callAndListen(KNOWN);
  const greeting = r.turns[0];
  t.equal(greeting?.speaker, 'agent');
  t.equal(greeting?.text, 'Hello Jane Doe, thank you for calling Bella Pizza.', 'stored greeting');
  t.same(greeting?.meta, { callerName: 'Jane Doe' }, 'the name is kept on the greeting turn');
  const asked = crm.received.find((x) => x.path === `/api/contacts?phone=${encodeURIComponent(KNOWN)}`);
  t.equal(asked?.authorization, `Bearer ${TOKEN}`, 'looked up with the stored credential');
  t.comment(`first greeting audio ${r.firstAudioMs.toFixed(0)} ms after the answer`);

  // The audio: longer than the plain greeting by about the name, and recognised as the named one.
  if (baseline)
    t.ok(
      r.loudFrames > baseline.loudFrames + 10,
      `the greeting heard is longer by the name (${r.loudFrames} vs ${baseline.loudFrames} loud 20 ms frames)`,
    );
  stt ??= await createModelRuntime({
    modelsDir: sharedModelsDir(),
    prefer: { stt: 'pocketsphinx', tts: 'espeak-ng' },
  });
  const asr = stt;
  const transcribe = async (pcm: Int16Array): Promise<string> =>
    (
      await asr.stt.transcribe(
        { pcm, sampleRateHz: 16000 },
        {
          bias: {
            phrases: [
              'hello jane doe thank you for calling bella pizza',
              'hello thank you for calling bella pizza',
            ],
            mode: 'grammar',
          },
        },
      )
    ).text;
  const heard = await transcribe(r.greetingAudio);
  t.match(heard, /jane/i, `the caller heard the name: "${heard}"`);
  if (baseline) {
    const plain = await transcribe(baseline.greetingAudio);
    t.notMatch(plain, /jane/i, `and the reference call did not: "${plain}"`);
  }

  const s = await summaryFor(r.conversationId);
  t.ok(s, 'the CRM received the call summary');
  if (!s) return;
  t.equal(s.req.authorization, `Bearer ${TOKEN}`);
  t.equal(s.post.type, 'call.summary');
  const d = s.post.data;
  t.equal(d.caller, KNOWN);
  t.equal(d.outcome, 'caller-hangup');
  const started = Date.parse(d.startedAt);
  const ended = Date.parse(d.endedAt);
  t.ok(started > 0 && ended >= started, `start ${d.startedAt} before end ${d.endedAt}`);
  t.ok(d.durationMs > 1000, `duration ${d.durationMs} ms`);
  t.ok(Math.abs(ended - started - d.durationMs) < 1500, 'duration matches start and end');
  t.match(d.summary, /The caller made no request\./);
  t.match(d.summary, /Call ended: the caller hung up\./);
  t.same(
    d.postCall,
    {
      outcome: 'caller_hung_up',
      summary: 'The caller made no request. The caller hung up.',
      sentiment: 'neutral',
      sentimentScore: 0,
      fields: {},
      fieldSources: {},
    },
    'the post-call record rides along',
  );
});

for (const [what, from] of [
  ['a number the CRM does not know', UNKNOWN],
  ['a CRM answering 500', FAILS],
  ['a CRM that never answers', HANGS],
] as const) {
  t.test(`${what}: the normal greeting, no later than the lookup budget`, async (t) => {
    const r = await callAndListen(from);
    t.equal(r.turns[0]?.text, GREETING, 'the greeting without a name');
    t.equal(r.turns[0]?.meta, null, 'no name stored');
    t.ok(
      crm.received.some((x) => x.path === `/api/contacts?phone=${encodeURIComponent(from)}`),
      'the CRM was asked',
    );
    const ref = baseline?.firstAudioMs ?? 0;
    t.comment(
      `first greeting audio ${r.firstAudioMs.toFixed(0)} ms after the answer (reference ${ref.toFixed(0)} ms, budget ${BUDGET_MS} ms)`,
    );
    t.ok(
      r.firstAudioMs < ref + BUDGET_MS + 400,
      `greeting not delayed beyond the budget (${r.firstAudioMs.toFixed(0)} ms vs ${ref.toFixed(0)} + ${BUDGET_MS} ms)`,
    );
    const s = await summaryFor(r.conversationId);
    t.equal(s?.post.data.caller, from, 'the call summary is posted all the same');
  });
}

t.test('the summary text tells the requests handled and the message taken', async (t) => {
  // The same stored records a call leaves (turns of the agent engine, the call's message), built
  // without audio: what the caller says is typed.
  const engine = (api.app.modules.agent as AgentModule).engine;
  const conv = await engine.start({ businessId: biz.businessId, agentId: biz.agentId, channel: 'voice' });
  conv.greeting();
  let taken: unknown;
  const say = async (text: string): Promise<void> => {
    for await (const e of conv.respond({ text }))
      if (e.kind === 'action' && e.action === 'take_message') taken = e.message;
  };
  await say('where are you located');
  await say('I would like to leave a message');
  await say('my name is John Smith');
  await say('five five five one two three four');
  await say('please call me back about my order');
  const state = conv.dialogueState;
  t.equal(state.pending, undefined, 'the message flow finished');
  await conv.end('agent-hangup');
  const db = api.app.ctx.db.kysely;
  const callId = `call-${conv.id}`;
  await insertCall(db, {
    id: callId,
    businessId: biz.businessId,
    agentId: biz.agentId,
    direction: 'inbound',
    caller: KNOWN,
    dialed: '1000',
    state: 'ended',
    billing: 'included',
    startedAt: new Date().toISOString(),
  });
  t.ok(taken, 'a message was taken');
  // What the call manager stores when the call's agent takes a message.
  await updateCall(db, biz.businessId, callId, { message: JSON.stringify(taken) });
  const text = await callSummaryText(db, {
    businessId: biz.businessId,
    callId,
    conversationId: conv.id,
    reason: 'agent-hangup',
    durationMs: 42_400,
  });
  t.equal(
    text,
    'Phone call answered by the agent, 42 s. Caller asked about: the address, leaving a message. ' +
      'Message taken: name John Smith, callback number 5551234, message "please call me back about my order". ' +
      'Call ended: the agent ended the call.',
  );
});
