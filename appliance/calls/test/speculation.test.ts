/**
 * Speculative answers in a call session (fake ports, helpers/fake-session.ts; the real call is
 * speculation-e2e.test.ts) and the Speculation machine: prepared at a complete pause, played
 * from the buffer when the turn ends on that text (synthesized once), dropped with no audio and
 * no turn when the caller goes on; the stored timings say hit or miss.
 */
import t from 'tap';
import { Speculation, speculationTransitions } from '../speculation.js';
import { settle, startSession, type Harness } from './helpers/fake-session.js';

async function listening(h: Harness): Promise<void> {
  await settle();
  await h.media.playAll();
}

const Q = 'what are your opening hours';
const ANSWER = `You said ${Q}.`;

t.test('hit: prepared at the pause, nothing sent or recorded until the turn ends, then played', async (t) => {
  const h = startSession({ behaviour: { endOfTurn: 'content' }, speculative: true });
  await listening(h);
  const plays = h.media.plays.length;
  await h.speechStart();
  await h.talk(Q, 20, 15);
  t.same(h.conversation.prepared, [Q], 'prepared at the 200 ms pause');
  t.equal(h.speech.spoken.filter((x) => x === ANSWER).length, 1, 'its audio synthesized into the buffer');
  t.same(h.conversation.heard, [], 'no turn recorded yet');
  t.equal(h.media.plays.length, plays, 'nothing sent');
  await h.talk(Q, 0, 5);
  t.same(h.conversation.heard, [Q], 'the turn ended by content: the prepared answer committed');
  t.equal(h.media.plays.length, plays + 1, 'and played');
  t.equal(h.speech.spoken.filter((x) => x === ANSWER).length, 1, 'from the buffer: not synthesized again');
  t.equal(h.latencies.at(-1)?.speculation, 'hit');
  t.equal(h.latencies.at(-1)?.endedBy, 'content');
  await h.session.stop();
});

t.test('miss: the caller goes on; no audio, no turn, the whole sentence answered', async (t) => {
  const h = startSession({ behaviour: { endOfTurn: 'content' }, speculative: true });
  await listening(h);
  const plays = h.media.plays.length;
  await h.speechStart();
  await h.talk(Q, 20, 15);
  t.same(h.conversation.prepared, [Q], 'prepared at the pause');
  await h.talk('on saturday', 20, 0);
  t.equal(h.media.plays.length, plays, 'nothing of it was sent');
  t.same(h.conversation.heard, [], 'and nothing recorded');
  await h.speechEnd('on saturday');
  t.same(h.conversation.heard, [`${Q} on saturday`], 'one turn: the whole sentence');
  t.equal(h.media.plays.length, plays + 1, 'only its answer played');
  t.equal(h.latencies.at(-1)?.speculation, 'miss');
  t.equal(h.latencies.at(-1)?.speculationsDropped, 1);
  t.equal(h.latencies.at(-1)?.endedBy, 'silence');
  await h.session.stop();
});

t.test('dropped at a mid-sentence pause, then a hit at the final one: the turn says both', async (t) => {
  const h = startSession({ behaviour: { endOfTurn: 'silence' }, speculative: true });
  await listening(h);
  await h.speechStart();
  await h.talk(Q, 20, 15);
  await h.talk('on saturday', 20, 24);
  t.same(h.conversation.prepared, [Q, `${Q} on saturday`], 'prepared at each pause');
  await h.speechEnd('');
  t.same(h.conversation.heard, [`${Q} on saturday`], 'one turn: the whole sentence');
  t.equal(h.latencies.at(-1)?.speculation, 'hit');
  t.equal(h.latencies.at(-1)?.speculationsDropped, 1);
  await h.session.stop();
});

t.test('silence mode: the answer is prepared in the window and played at its end', async (t) => {
  const h = startSession({ behaviour: { endOfTurn: 'silence' }, speculative: true });
  await listening(h);
  await h.speechStart();
  await h.talk(Q, 20, 24);
  t.same(h.conversation.heard, [], 'no content end in mode silence');
  t.same(h.conversation.prepared, [Q]);
  await h.speechEnd('');
  t.same(h.conversation.heard, [Q]);
  t.equal(h.latencies.at(-1)?.speculation, 'hit');
  t.equal(h.speech.spoken.filter((x) => x === ANSWER).length, 1, 'synthesized once');
  await h.session.stop();
});

t.test(
  'an incomplete phrase is not prepared; a conversation without prepare is answered as before',
  async (t) => {
    const h = startSession({ behaviour: { endOfTurn: 'content' }, speculative: true });
    await listening(h);
    await h.speechStart();
    await h.talk("I'd like to ask about the um", 20, 20);
    t.same(h.conversation.prepared, []);
    await h.speechEnd('');
    t.equal(h.latencies.at(-1)?.speculation, undefined);
    await h.session.stop();

    const plain = startSession({ behaviour: { endOfTurn: 'content' } });
    await listening(plain);
    await plain.speechStart();
    await plain.talk(Q, 20, 20);
    t.same(plain.conversation.heard, [Q]);
    t.equal(plain.latencies.at(-1)?.speculation, undefined);
    await plain.session.stop();
  },
);

t.test('the Speculation machine: speculative -> committed | dropped, both final', async (t) => {
  t.same(speculationTransitions.speculative, ['committed', 'dropped']);
  t.same(speculationTransitions.committed, []);
  t.same(speculationTransitions.dropped, []);
  const synthesized: string[] = [];
  let aborted = 0;
  const tts = {
    name: 'fake',
    synthesize: (text: string, signal?: AbortSignal) => {
      synthesized.push(text);
      signal?.addEventListener('abort', () => aborted++);
      return Promise.resolve({ pcm: new Int16Array(8), sampleRateHz: 8000 });
    },
  };
  let commits = 0;
  const prepare = (text: string) =>
    Promise.resolve({
      sentences: [`A ${text}.`, 'B.'],
      commit: () => {
        commits++;
        return (async function* () {})();
      },
    });
  const dropped = new Speculation('x', { prepare, tts });
  await dropped.ready();
  t.same(synthesized, ['A x.', 'B.'], 'every prepared sentence synthesized');
  t.ok(dropped.drop('resumed'));
  t.same(dropped.state, { kind: 'dropped', why: 'resumed' });
  t.equal(aborted, 2, 'its syntheses aborted');
  t.equal(dropped.commit(new AbortController().signal), undefined, 'a dropped answer cannot be committed');
  t.equal(commits, 0, 'nothing delivered');

  const kept = new Speculation('y', { prepare, tts });
  await kept.ready();
  const c = kept.commit(new AbortController().signal);
  t.ok(c);
  t.equal(kept.state.kind, 'committed');
  t.notOk(kept.drop('text-changed'), 'a committed answer is not dropped');
  await c?.tts.synthesize('A y.');
  t.equal(synthesized.filter((x) => x === 'A y.').length, 1, 'the buffer answers its own sentence');
  await c?.tts.synthesize('C.');
  t.equal(synthesized.at(-1), 'C.', 'anything else goes to the engine');

  const failing = new Speculation('z', { prepare: () => Promise.reject(new Error('no')), tts });
  await failing.ready();
  t.equal(failing.commit(new AbortController().signal), undefined);
  t.same(failing.state, { kind: 'dropped', why: 'failed' });
});
