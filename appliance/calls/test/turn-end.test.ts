/**
 * End of turn from content (turn-content.ts, turn-end.ts): which transcripts are complete
 * questions, and the per-utterance machine's transitions (a stale transcript after the caller
 * resumed is ignored; mode `silence` judges, to speculate, but never ends a turn by content).
 */
import t from 'tap';
import { turnVerdict, turnWords } from '../turn-content.js';
import { DEFAULT_CONTENT_QUIET_MS, TurnEnd, turnEndTransitions, type EndOfTurnMode } from '../turn-end.js';

t.test('complete questions end the turn; incomplete phrases and statements wait', async (t) => {
  const complete = [
    'what are your opening hours',
    'What time do you open on Saturday?',
    'do you take walk ins',
    'how much is a cleaning',
    'so um where are you located',
    'are you open on sunday',
    'what time is it',
    'can you help me',
    'hello is the doctor in today',
    'how long does it take',
    'what do you offer',
    'do you take walk ins',
    'can you help me',
  ];
  for (const q of complete) t.same(turnVerdict(q), { kind: 'complete' }, q);
  const incomplete: Array<[string, string]> = [
    ["I'd like to ask about the, um", 'trailing-word'],
    ['what are your opening hours and', 'trailing-word'],
    ['do you have any', 'trailing-word'],
    ['how much does a', 'trailing-word'],
    ['what time do you', 'dangling-subject'],
    ['can i', 'dangling-subject'],
    ['how much does it', 'dangling-subject'],
    ['can you tell me', 'open-object'],
    ['could you give us', 'open-object'],
    ['do you have', 'trailing-word'],
    ['what is', 'trailing-word'],
    ['is it possible to', 'trailing-word'],
    ["I'd like to book an appointment", 'not-a-question'],
    ['my dog has been sick since yesterday', 'not-a-question'],
    ['how much', 'trailing-word'],
    ['what hours', 'too-short'],
    ['', 'empty'],
    // recognizer guesses at a pause: nothing to answer, or a verb still waiting for its object
    ['what is there', 'no-content'],
    ['how much does there', 'no-content'],
    ['what it take', 'no-content'],
    ['do you help', 'open-object'],
    ['do you offer', 'open-object'],
    ['can I change', 'open-object'],
    ['<sil> [noise]', 'empty'],
  ];
  for (const [q, why] of incomplete) t.same(turnVerdict(q), { kind: 'incomplete', why }, q || '(empty)');
  t.same(turnWords("<s> What's  the <sil> PRICE?! </s>"), ["what's", 'the', 'price']);
});

/** A machine whose content ends are recorded; `judge` answers complete for texts ending in '?'. */
function machine(mode: EndOfTurnMode = 'content'): { end: TurnEnd; ended: string[] } {
  const ended: string[] = [];
  const end = new TurnEnd({
    mode,
    onContentEnd: (text) => ended.push(text),
    judge: (text) =>
      text.endsWith('?') ? { kind: 'complete' } : { kind: 'incomplete', why: 'trailing-word' },
  });
  return { end, ended };
}
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

t.test(
  'a complete question ends the turn once the quiet reaches the content window; the silence window then does nothing',
  async (t) => {
    const { end, ended } = machine();
    t.equal(end.state.kind, 'talking');
    end.paused(Promise.resolve('open today?'));
    end.quiet(200);
    t.equal(end.state.kind, 'judging', 'judging while the early transcript decodes');
    await tick();
    t.same(end.state, { kind: 'complete', text: 'open today?' }, 'complete, waiting for the content window');
    end.quiet(380);
    t.same(ended, [], 'not before the window (default 400 ms)');
    end.quiet(DEFAULT_CONTENT_QUIET_MS);
    t.same(end.state, { kind: 'ended', by: 'content' });
    t.same(ended, ['open today?']);
    t.notOk(end.silenceOver(), 'the window closing later does not end it again');
    end.resumed();
    end.paused(Promise.resolve('again?'));
    end.quiet(450);
    await tick();
    t.same(ended, ['open today?'], 'ended is final');
  },
);

t.test('a question complete as text whose caller goes on inside the content window is not cut', async (t) => {
  // "what are your opening hours | on saturday": the text at the pause is whole, the turn is not.
  const { end, ended } = machine();
  end.paused(Promise.resolve('what are your opening hours?'));
  end.quiet(220);
  await tick();
  end.quiet(340);
  end.resumed();
  t.equal(end.state.kind, 'talking');
  end.quiet(20);
  end.quiet(450);
  t.same(ended, [], 'the earlier verdict does not end the turn after the caller went on');
  t.ok(end.silenceOver());
  t.same(end.state, { kind: 'ended', by: 'silence' });
});

t.test('a verdict decoded after the quiet passed the content window ends the turn at once', async (t) => {
  const ended: string[] = [];
  const end = new TurnEnd({
    mode: 'content',
    contentQuietMs: 300,
    onContentEnd: (text) => ended.push(text),
    judge: () => ({ kind: 'complete' }),
  });
  end.paused(Promise.resolve('are you open'));
  end.quiet(320);
  t.equal(end.state.kind, 'judging');
  await tick();
  t.same(ended, ['are you open']);
  t.same(end.state, { kind: 'ended', by: 'content' });
});

t.test('an incomplete pause holds; resuming talks again; the window ends it', async (t) => {
  const { end, ended } = machine();
  end.paused(Promise.resolve('I would like the'));
  await tick();
  t.same(end.state, { kind: 'holding', why: 'trailing-word' });
  end.resumed();
  t.equal(end.state.kind, 'talking');
  t.ok(end.silenceOver());
  t.same(end.state, { kind: 'ended', by: 'silence' });
  t.same(ended, []);
});

t.test('a transcript that arrives after the caller resumed is stale', async (t) => {
  const { end, ended } = machine();
  let resolve!: (s: string) => void;
  end.paused(new Promise<string>((r) => (resolve = r)));
  end.resumed();
  resolve('open today?');
  await tick();
  t.equal(end.state.kind, 'talking', 'the old pause is not judged');
  t.same(ended, []);
  end.paused(Promise.reject(new Error('stt down')));
  await tick();
  t.same(end.state, { kind: 'holding', why: 'stt-failed' }, 'a failed decode waits for the window');
});

t.test('mode silence judges a pause (to speculate) but never ends the turn by content', async (t) => {
  const ended: string[] = [];
  const completes: string[] = [];
  const end = new TurnEnd({
    mode: 'silence',
    onContentEnd: (text) => ended.push(text),
    onComplete: (text) => completes.push(text),
    judge: (text) =>
      text.endsWith('?') ? { kind: 'complete' } : { kind: 'incomplete', why: 'trailing-word' },
  });
  end.paused(Promise.resolve('open today?'));
  await tick();
  t.same(end.state, { kind: 'complete', text: 'open today?' });
  t.same(completes, ['open today?'], 'a complete question is reported (speculation starts)');
  end.quiet(DEFAULT_CONTENT_QUIET_MS + 50);
  t.same(ended, [], 'no content end in mode silence');
  t.ok(end.silenceOver());
  t.same(end.state, { kind: 'ended', by: 'silence' });
});

t.test('onComplete is called once per complete pause, never for an incomplete one', async (t) => {
  const completes: string[] = [];
  const end = new TurnEnd({
    mode: 'content',
    onContentEnd: () => undefined,
    onComplete: (text) => completes.push(text),
    judge: (text) =>
      text.endsWith('?') ? { kind: 'complete' } : { kind: 'incomplete', why: 'trailing-word' },
  });
  end.paused(Promise.resolve('open today and'));
  await tick();
  end.resumed();
  end.paused(Promise.resolve('open today?'));
  await tick();
  end.resumed();
  end.paused(Promise.resolve('open today on sunday?'));
  await tick();
  t.same(completes, ['open today?', 'open today on sunday?']);
});

t.test('the transition table: ended is final, talking cannot hold without judging', async (t) => {
  t.same(turnEndTransitions.ended, []);
  t.notOk(turnEndTransitions.talking.includes('holding'));
  t.notOk(turnEndTransitions.talking.includes('complete'), 'a content end always follows a verdict');
});

t.test('a failed transcript of an ignored pause is not an unhandled rejection', async (t) => {
  // Mode `silence` (the default) never judges a pause; under load every part's STT can time out.
  for (const mode of ['silence', 'content'] as const) {
    const end = new TurnEnd({ mode, onContentEnd: () => undefined });
    end.paused(Promise.reject(new Error('pocketsphinx timed out')));
    end.paused(Promise.reject(new Error('pocketsphinx timed out'))); // content: not talking any more
  }
  await new Promise((r) => setTimeout(r, 20));
  t.pass('no unhandled rejection');
});
