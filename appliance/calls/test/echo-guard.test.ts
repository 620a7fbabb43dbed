/**
 * The echo guard (echo-guard.ts): the agent's own voice coming back on the caller's line a round
 * trip later is not a barge-in; a caller who really talks over the agent still is.
 */
import t from 'tap';
import { EchoGuard } from '../echo-guard.js';
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
