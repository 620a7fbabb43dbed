/**
 * End of turn from content in a call session (fake ports, helpers/fake-session.ts): a complete
 * question ends the turn after 400 ms of quiet (the content window), before the detector's
 * segment ends; a caller who goes on inside that window is not cut off; an incomplete
 * phrase or an agent set to `silence` waits for the segment's end; a caller who goes on after a
 * content end gets the unheard reply dropped and the whole sentence answered, or barges in on a
 * reply already audible.
 */
import t from 'tap';
import { settle, startSession, type Harness } from './helpers/fake-session.js';

async function listening(h: Harness): Promise<void> {
  await settle();
  await h.media.playAll();
}

t.test('a complete question ends the turn at the content window', async (t) => {
  const h = startSession({ behaviour: { endOfTurn: 'content' } });
  await listening(h);
  await h.speechStart();
  await h.talk('what are your opening hours', 20, 19);
  t.same(h.conversation.heard, [], '380 ms of quiet: no decision yet (judged complete at 200 ms)');
  await h.talk('what are your opening hours', 0, 1);
  t.same(h.conversation.heard, ['what are your opening hours'], 'answered at 400 ms of quiet');
  t.equal(h.speech.spoken.at(-1), 'You said what are your opening hours.');
  t.equal(h.session.state.caller.kind, 'quiet');
  await h.talk('what are your opening hours', 0, 15);
  await h.speechEnd('ignored');
  t.same(h.conversation.heard, ['what are your opening hours'], 'the segment end starts no second turn');
  t.equal(h.speech.sttStreams, 1, 'one STT stream');
  await h.session.stop();
});

t.test('a question complete as text whose caller goes on within the content window is not cut', async (t) => {
  const h = startSession({ behaviour: { endOfTurn: 'content' } });
  await listening(h);
  await h.speechStart();
  await h.talk('what are your opening hours', 20, 17);
  t.same(h.conversation.heard, [], '340 ms of quiet: the whole question, but the caller may go on');
  await h.talk('on saturday', 20, 20);
  await h.speechEnd('on saturday');
  t.same(h.conversation.heard, ['what are your opening hours on saturday'], 'one turn, answered whole');
  t.equal(h.speech.spoken.filter((x) => x.includes('opening hours.')).length, 0, 'no half answer');
  await h.session.stop();
});

t.test('an incomplete phrase waits for the end of the segment', async (t) => {
  const h = startSession({ behaviour: { endOfTurn: 'content' } });
  await listening(h);
  await h.speechStart();
  await h.talk("I'd like to ask about the um", 20, 20);
  t.same(h.conversation.heard, [], 'a trailing filler keeps the turn open');
  await h.talk('cleaning prices', 20, 20);
  t.same(h.conversation.heard, [], 'a statement also waits');
  await h.speechEnd('cleaning prices');
  t.same(h.conversation.heard, ["I'd like to ask about the um cleaning prices"], 'answered whole at the end');
  await h.session.stop();
});

t.test('an agent set to silence waits for the segment end even for a complete question', async (t) => {
  const h = startSession({ behaviour: { endOfTurn: 'silence' } });
  await listening(h);
  await h.speechStart();
  await h.talk('what are your opening hours', 20, 20);
  t.same(h.conversation.heard, []);
  await h.speechEnd('');
  t.same(h.conversation.heard, ['what are your opening hours']);
  await h.session.stop();
});

t.test(
  'the caller goes on before the reply is heard: it is dropped and the whole sentence answered',
  async (t) => {
    const h = startSession({ behaviour: { endOfTurn: 'content' } });
    await listening(h);
    h.speech.tts.synthesize = () => new Promise(() => undefined); // the reply's audio never gets ready
    await h.speechStart();
    await h.talk('what are your opening hours', 20, 20);
    t.same(h.conversation.heard, ['what are your opening hours'], 'ended by content');
    t.equal(h.session.state.agent.kind, 'speaking', 'a reply is on its way');
    const queued = h.media.plays.length;
    await h.talk('on saturday', 3, 0);
    t.equal(h.session.state.caller.kind, 'quiet', '60 ms of voice is not yet going on');
    await h.talk('on saturday', 5, 0);
    t.equal(h.session.state.caller.kind, 'hearing', 'the caller went on: a new utterance');
    t.equal(h.session.state.agent.kind, 'listening', 'the unheard reply was dropped');
    await h.speechEnd('on saturday');
    t.same(h.conversation.heard, ['what are your opening hours', 'what are your opening hours on saturday']);
    t.equal(h.media.plays.length, queued, 'nothing of the dropped reply was played');
    await h.session.stop();
  },
);

t.test('the caller goes on while the reply is audible: a barge-in', async (t) => {
  const h = startSession({ behaviour: { endOfTurn: 'content' } });
  await listening(h);
  await h.speechStart();
  await h.talk('do you take walk ins', 20, 20);
  t.equal(h.speech.spoken.at(-1), 'You said do you take walk ins.');
  t.ok(h.media.queued.length > 0, 'the answer is playing');
  await h.talk('for dogs', 8, 0);
  t.equal(h.session.state.agent.kind, 'interrupted', 'cut as any barge-in');
  t.equal(h.media.flushes, 1);
  await h.speechEnd('or cats');
  t.equal(h.conversation.interrupted.length, 1);
  t.same(h.conversation.heard.at(-1), 'or cats');
  await h.session.stop();
});
