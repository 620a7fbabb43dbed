/**
 * Speculative answers in a real call (speculation.ts) over SIP and RTP on 127.0.0.1: the caller
 * peer (sip/ and media/ layers) speaks with festival, the appliance runs Silero/energy VAD,
 * pocketsphinx and flite, and its agent answers from the business data.
 *
 * Hit: a whole question; at its final pause the answer is prepared, the turn ends on the same
 * text and the prepared answer is played; the stored turn says `speculation: hit`.
 * Miss: "what are your opening hours" [a pause longer than the 200 ms early finalization, shorter
 * than the silence window] "on saturday": the answer prepared at the pause is dropped when the
 * caller goes on: no agent audio before the caller has finished, one caller turn (the whole
 * sentence) and one answer, stored with `speculation: miss`.
 */
import t from 'tap';
import type { TestApi } from '../../test/helpers/app.js';
import { startCallsApi } from './helpers/calls-api.js';
import { concat, festivalSpeech, haveFestival, TestPeer, waitFor, type PeerCall } from './helpers/caller.js';

if (!haveFestival()) {
  t.plan(0, 'festival (text2wave) is not installed: no caller voice');
  process.exit(0);
}

const RATE = 16000;
const SILENCE_WINDOW_MS = 900;
/** The miss case's pause: past the 200 ms early finalization, well under the silence window. */
const PAUSE_MS = 650;

let api: TestApi;
let peer: TestPeer;
let sipPort = 0;

t.before(async () => {
  peer = await TestPeer.start();
  // A 900 ms silence window (config calls.silenceWindowMs) leaves the miss case's 650 ms pause
  // room: the early part's decode has ~400 ms to be judged before the caller resumes, instead of
  // ~130 ms between the 200 ms finalization and a pause that must stay under the default 500 ms
  // window (the clean-clone CI run decoded too late in all three attempts).
  ({ api, sipPort } = await startCallsApi(t, {
    rtpPortMin: 49000,
    config: { calls: { silenceWindowMs: SILENCE_WINDOW_MS } },
  }));
});
t.teardown(async () => {
  await peer?.stop();
});

async function business(name: string, number: string, endOfTurn: 'content' | 'silence'): Promise<string> {
  const b = await api.register(name);
  const s = await api.call('POST', '/business/subscribe', { token: b.token, body: { planId: 'enterprise' } });
  if (s.status !== 201) throw new Error(`subscribe: ${s.status}`);
  const a = await api.call<{ id: string }>('POST', '/agents', {
    token: b.token,
    body: {
      name: `${name} agent`,
      greeting: `Hello, thank you for calling ${name}.`,
      numbers: [number],
      facts: {
        hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], open: '09:00', close: '17:00' }],
      },
      behaviour: { silenceTimeoutMs: 20_000, maxCallDurationS: 120, endOfTurn },
    },
  });
  if (a.status !== 201) throw new Error(`agent: ${a.status} ${JSON.stringify(a.body)}`);
  return b.token;
}

/** The agent has spoken (more than `fromIdx` loud frames) and then been quiet for quietMs. */
function agentDone(pc: PeerCall, fromIdx: number, quietMs: number, timeoutMs: number): Promise<boolean> {
  return waitFor(() => {
    const last = pc.heard.loudAt.at(-1);
    return pc.heard.loudAt.length > fromIdx && last !== undefined && performance.now() - last > quietMs;
  }, timeoutMs);
}

/** The speech without the synthesizer's own leading and trailing quiet (so an inserted pause is the pause). */
function voicedPart(pcm: Int16Array): Int16Array {
  const loud = (i: number): boolean => Math.abs(pcm[i] ?? 0) > 300;
  let a = 0;
  let b = pcm.length - 1;
  while (a < b && !loud(a)) a++;
  while (b > a && !loud(b)) b--;
  return pcm.slice(Math.max(0, a - 160), Math.min(pcm.length, b + 160));
}

interface StoredTurn {
  speaker: string;
  text: string;
  latency: { speculation?: string; speculationsDropped?: number; sttMs?: number; endedBy?: string } | null;
}

/** The call's stored turns once `answers` answers carry their call timings (merged after the reply is queued). */
async function storedTurns(token: string, answers: number): Promise<StoredTurn[]> {
  let turns: StoredTurn[] = [];
  for (let i = 0; i < 100; i++) {
    const list = await api.call<{ items: Array<{ id: string }> }>('GET', '/conversations', { token });
    const conv = list.body.items[0];
    if (conv) {
      const d = await api.call<{ turns: StoredTurn[] }>('GET', `/conversations/${conv.id}`, { token });
      turns = d.body.turns;
      if (turns.filter((x) => x.speaker === 'agent' && x.latency?.endedBy).length >= answers) return turns;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return turns;
}

/**
 * The caller says `audio` and the agent answers. Returns when the caller's audio started and
 * ended being sent (performance.now()).
 */
async function ask(pc: PeerCall, audio: Int16Array): Promise<{ from: number; to: number; heard: boolean }> {
  const loudBefore = pc.heard.loudAt.length;
  const from = performance.now();
  const played = new Promise<number>((r) => pc.media.once('played', () => r(performance.now())));
  pc.media.play(audio.slice(), RATE);
  const to = await played;
  const heard = await agentDone(pc, loudBefore + 5, 1200, 20_000);
  return { from, to, heard };
}

// The answer can be prepared only if the early part's decode is judged before the silence window
// closes (700 ms after the 200 ms finalization here; 9-25 ms on a quiet box). On a box loaded past
// that, a turn ends by silence without a speculation; the caller then asks again (up to 3 times).
const ATTEMPTS = 3;
/**
 * A turn whose STT finished this long after the end-of-turn decision (ms) was on a box too slow
 * for any speculation: its early part's decode outlasted the silence window (700 ms after the
 * part was finalized), so no verdict could come in time. If every turn was like that, the
 * speculation assertions are skipped with the figures (never on a box that decodes in time).
 */
const TOO_SLOW_STT_MS = 100;

function tooLoaded(agents: StoredTurn[]): string | undefined {
  const stt = agents.flatMap((x) => (typeof x.latency?.sttMs === 'number' ? [x.latency.sttMs] : []));
  if (stt.length === 0 || stt.some((x) => x < TOO_SLOW_STT_MS)) return undefined;
  return `every decode finished ${stt.map((x) => Math.round(x)).join(', ')} ms after the decision: the box is too loaded to speculate`;
}

t.test('hit: the answer prepared at the final pause is the one played', async (t) => {
  const token = await business('Spec Hit Dental', '6100', 'content');
  const question = festivalSpeech('What are your opening hours?');
  const pc = await peer.dial('6100', sipPort);
  t.teardown(() => (pc.call.state === 'ended' ? undefined : pc.call.hangup()));
  t.ok(await agentDone(pc, 0, 700, 20_000), 'greeting heard');
  let turns: StoredTurn[] = [];
  let asked = 0;
  for (let k = 1; k <= ATTEMPTS; k++) {
    asked = k;
    const a = await ask(pc, question);
    t.ok(a.heard, `answer ${k} heard`);
    t.ok(
      pc.heard.loudAt.some((x) => x > a.to),
      'agent audio after the caller finished',
    );
    turns = await storedTurns(token, k);
    if (turns.some((x) => x.latency?.speculation === 'hit')) break;
  }
  await pc.call.hangup();
  const callers = turns.filter((x) => x.speaker === 'caller');
  const agents = turns.filter((x) => x.speaker === 'agent');
  t.equal(callers.length, asked, 'one caller turn per question');
  t.equal(agents.length, callers.length + 1, 'greeting and one answer per caller turn');
  const hit = agents.find((x) => x.latency?.speculation === 'hit');
  const loaded = hit ? undefined : tooLoaded(agents);
  if (loaded) {
    t.pass(loaded, { skip: loaded });
    return;
  }
  t.ok(hit, `a stored turn says the speculation hit: ${JSON.stringify(agents.map((x) => x.latency))}`);
  t.match(hit?.text ?? '', /9|nine/i, `the prepared answer was the one played: ${hit?.text}`);
  t.equal(hit?.latency?.endedBy, 'content');
});

t.test(
  'miss: the caller goes on after a pause; the prepared answer leaves no audio and no turn',
  async (t) => {
    // A silence-window agent: the pause (PAUSE_MS) cannot end the turn, but the early
    // finalization at 200 ms of quiet still judges the first part a complete question.
    const token = await business('Spec Miss Dental', '6200', 'silence');
    const first = voicedPart(festivalSpeech('What are your opening hours'));
    const second = voicedPart(festivalSpeech('on Saturday?'));
    const utterance = concat([first, new Int16Array((RATE * PAUSE_MS) / 1000), second]);
    const pc = await peer.dial('6200', sipPort);
    t.teardown(() => (pc.call.state === 'ended' ? undefined : pc.call.hangup()));
    t.ok(await agentDone(pc, 0, 700, 20_000), 'greeting heard');
    let turns: StoredTurn[] = [];
    for (let k = 1; k <= ATTEMPTS; k++) {
      const a = await ask(pc, utterance);
      t.ok(a.heard, `answer ${k} heard`);
      const during = pc.heard.loudAt.filter((x) => x > a.from && x <= a.to);
      t.same(during, [], 'no agent audio while the caller was speaking (the pause included)');
      turns = await storedTurns(token, k);
      if (turns.some((x) => (x.latency?.speculationsDropped ?? 0) > 0)) break;
    }
    await pc.call.hangup();
    const callers = turns.filter((x) => x.speaker === 'caller');
    const agents = turns.filter((x) => x.speaker === 'agent');
    t.ok(
      callers.length <= ATTEMPTS,
      `one caller turn per sentence: ${callers.map((x) => x.text).join(' | ')}`,
    );
    t.equal(
      agents.length,
      callers.length + 1,
      'greeting and one answer per sentence: a dropped one left no turn',
    );
    // The answer prepared at the mid-sentence pause is dropped when the caller goes on; the one
    // prepared in the final window may then hit, so the turn says hit with one dropped.
    const miss = agents.find((x) => (x.latency?.speculationsDropped ?? 0) > 0);
    const loaded = miss ? undefined : tooLoaded(agents);
    if (loaded) {
      t.pass(loaded, { skip: loaded });
      return;
    }
    t.ok(
      miss,
      `a stored turn says a speculation was dropped: ${JSON.stringify(agents.map((x) => x.latency))}`,
    );
    t.equal(miss?.latency?.endedBy, 'silence');
  },
);
