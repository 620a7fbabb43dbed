/**
 * The echo guard (echo-guard.ts): the agent's own voice coming back on the caller's line a round
 * trip later is not a barge-in; a caller who really talks over the agent still is, also when their
 * onset happened to line up with the agent's audio and was first taken for echo.
 */
import t from 'tap';
import { EchoGuard, EchoWatch } from '../echo-guard.js';
import { FakeClock, settle, startSession } from './helpers/fake-session.js';

/** Speech-like agent audio, 8 kHz: a 180 Hz voice with syllables at `syllableHz`, 1 s per sentence. */
function voice(seconds: number, syllableHz: number, phase = 0): Int16Array {
  return Int16Array.from({ length: 8000 * seconds }, (_, i) => {
    const s = i / 8000;
    const env = Math.max(0, Math.sin(2 * Math.PI * syllableHz * s + phase)) ** 2;
    return Math.round(
      12000 * env * (Math.sin(2 * Math.PI * 180 * s) + 0.4 * Math.sin(2 * Math.PI * 360 * s)),
    );
  });
}

const SENTENCE = voice(1, 3.3);

/** What the caller's line carries from `fromMs` to `toMs` (16 kHz): `src` (8 kHz) `delayMs` later, at `gainDb`. */
function line(src: Int16Array, fromMs: number, toMs: number, delayMs: number, gainDb: number): Int16Array {
  const g = 10 ** (gainDb / 20);
  const out = new Int16Array(((toMs - fromMs) * 16000) / 1000);
  for (let i = 0; i < out.length; i++) {
    const at = Math.floor(((fromMs + (i * 1000) / 16000 - delayMs) * 8000) / 1000);
    out[i] = at >= 0 && at < src.length ? Math.round((src[at] as number) * g) : 0;
  }
  return out;
}

const tts = {
  name: 'voice',
  synthesize: () => Promise.resolve({ pcm: SENTENCE.slice(), sampleRateHz: 8000 }),
};

t.test(
  'guard alone: a delayed, quieter copy of the sent audio is echo; louder or unlike is not',
  async (t) => {
    const clock = new FakeClock();
    const g = new EchoGuard(clock);
    g.played(SENTENCE, 8000);
    await clock.advance(900);
    t.ok(g.isEcho(line(SENTENCE, 470, 900, 180, -12)), 'copy 180 ms later, 12 dB down: echo');
    t.ok(g.isEcho(line(SENTENCE, 470, 900, 420, -20)), 'copy 420 ms later, 20 dB down: echo');
    t.notOk(g.isEcho(line(SENTENCE, 470, 900, 180, +3)), 'louder than what was sent: a caller, not an echo');
    t.notOk(g.isEcho(line(voice(1, 5.1, 1.3), 470, 900, 0, -12)), 'other syllables: a caller');
    t.notOk(g.isEcho(new Int16Array(6880).fill(800)), 'a flat sound gives no evidence: not echo');
    g.flushed();
    await clock.advance(1500);
    t.notOk(g.isEcho(line(SENTENCE, 1970, 2400, 1500, -12)), 'nothing sent for a while: not echo');
  },
);

/** A steady voice (16 kHz) from `onMs` on within `fromMs`..`toMs`: one rise, then no syllables. */
function steady(fromMs: number, toMs: number, onMs: number, amp = 3000): Int16Array {
  return Int16Array.from({ length: ((toMs - fromMs) * 16000) / 1000 }, (_, i) => {
    const ms = fromMs + i / 16;
    return ms < onMs ? 0 : Math.round(amp * Math.sin((2 * Math.PI * 140 * i) / 16000));
  });
}

t.test('a match is a hypothesis: the rest of the segment must be what the echo explains', async (t) => {
  const clock = new FakeClock();
  const g = new EchoGuard(clock);
  g.played(SENTENCE, 8000);
  await clock.advance(900);
  const m = g.match(line(SENTENCE, 470, 900, 180, -12));
  t.ok(m, 'the onset matches');
  t.ok(Math.abs((m?.delayMs ?? 0) - 180) <= 20, `at the echo path's delay, 180 ms (${m?.delayMs})`);
  t.ok(Math.abs((m?.lossDb ?? 0) - 12) < 1.5, `with the loss, ${m?.lossDb.toFixed(1)} dB`);
  if (!m) return;
  const echo = new EchoWatch(g, m);
  // The echo goes on, 32 ms detector frames, arriving as they would.
  let proved = false;
  for (let at = 932; at <= 1180; at += 32)
    proved ||= echo.push(line(SENTENCE, at - 32, at, 180, -12), 16000, at);
  t.notOk(proved, 'the echo itself stays explained');

  // The agent's sentence is over by 1000 ms (+180 ms back): a voice loud after that is a talker.
  const talker = new EchoWatch(g, m);
  let at = 1180;
  let provedAt: number | undefined;
  for (; at <= 1500 && provedAt === undefined; at += 32)
    if (talker.push(steady(at - 32, at, 0), 16000, at)) provedAt = at;
  t.ok(
    provedAt !== undefined && provedAt < 1400,
    `a steady voice where the echo is silent: a talker (${provedAt} ms)`,
  );
  const quiet = new EchoWatch(g, m);
  let noise = false;
  for (let a = 1212; a <= 1500; a += 32) noise ||= quiet.push(steady(a - 32, a, 0, 60), 16000, a);
  t.notOk(noise, 'line noise (-55 dBFS) where the echo is silent is no evidence');
});

t.test('in a call: the echo of the greeting does not cut it, a caller talking over it does', async (t) => {
  const h = startSession({ greetingTts: tts });
  await settle();
  t.equal(h.media.queued.length, 2, 'greeting queued (two sentences, 2 s)');
  await h.clock.advance(900);
  // The detector's onset audio (pre-roll + onset, 430 ms) is the greeting 200 ms later, 15 dB down.
  h.speech.script.push([{ kind: 'speech-start', atMs: 0, pcm: line(SENTENCE, 470, 900, 200, -15) }]);
  await h.media.frame();
  t.equal(h.media.flushes, 0, 'echo: the greeting is not cut');
  t.equal(h.session.state.agent.kind, 'speaking', 'the agent goes on');
  h.speech.nextText = 'hello there';
  h.speech.script.push([
    { kind: 'speech-end', atMs: 0, durationMs: 600, pcm: new Int16Array(0), reason: 'silence' },
  ]);
  await h.media.frame();
  t.same(h.conversation.heard, [], 'and the echo is not a turn');

  await h.clock.advance(300);
  const caller = voice(1, 5.1, 1.3);
  h.speech.script.push([{ kind: 'speech-start', atMs: 0, pcm: line(caller, 770, 1200, 0, -6) }]);
  await h.media.frame();
  t.equal(h.media.flushes, 1, 'a caller talking over the agent still cuts it');
  t.equal(h.session.state.agent.kind, 'interrupted');
  await h.speechEnd('what time do you open');
  t.same(h.conversation.heard, ['what time do you open'], 'and takes the turn');
  await h.session.stop();
});

t.test(
  'in a call: an onset taken for echo that goes on louder than the echo is a barge-in after all',
  async (t) => {
    const h = startSession({ greetingTts: tts });
    await settle();
    await h.clock.advance(900);
    // An onset that does line up with the greeting (as a chance match did under load) ...
    h.speech.script.push([{ kind: 'speech-start', atMs: 0, pcm: line(SENTENCE, 470, 900, 200, -15) }]);
    await h.media.frame();
    t.equal(h.media.flushes, 0, 'taken for echo at first');
    // ... then a caller far louder than the greeting's echo could be, from the next frames on.
    for (let i = 0; i < 3 && h.media.flushes === 0; i++) {
      await h.clock.advance(32);
      h.speech.script.push([{ kind: 'speech-audio', atMs: 0, pcm: steady(0, 32, 0, 20000) }]);
      await h.media.frame();
    }
    t.equal(h.media.flushes, 1, 'the greeting is cut within three frames');
    t.equal(h.session.state.agent.kind, 'interrupted');
    await h.speechEnd('what time do you open');
    t.same(h.conversation.heard, ['what time do you open'], 'and the caller has the turn');
    await h.session.stop();
  },
);
