/**
 * CallSession's turn-taking on fake ports (helpers/fake-session.ts): no SIP, no RTP, no engines,
 * a hand-moved clock. Barge-in, backchannel resume, silence reprompts, DTMF, transfer (REFER,
 * bridge fallback, apology), taking a message, maximum duration, and the state table refusing
 * transitions it does not list. The real-peer tests (call-e2e, dtmf-sipp, baresip) cover the same
 * behaviour end to end.
 */
import t from 'tap';
import { TRANSFER_FAILED } from '../call-actions.js';
import { agentTransitions, CallStateMachine, type IllegalTransition } from '../call-state.js';
import { holdEarlyDigits } from '../early-digits.js';
import { settle, startSession } from './helpers/fake-session.js';

t.test('greeting, then listening; an answer per utterance', async (t) => {
  const h = startSession();
  await settle();
  t.same(h.speech.spoken, ['Hello there.', 'How can I help?'], 'greeting synthesized sentence by sentence');
  t.equal(h.session.state.agent.kind, 'speaking');
  await h.media.playAll();
  t.equal(h.session.state.agent.kind, 'listening', 'greeting played: the caller has the turn');
  await h.says('what are your hours');
  t.same(h.conversation.heard, ['what are your hours']);
  t.equal(h.speech.spoken.at(-1), 'You said what are your hours.');
  t.equal(h.session.state.agent.kind, 'speaking');
  await h.media.playAll();
  t.equal(h.session.state.agent.kind, 'listening');
  await h.session.stop();
  t.equal(h.end()?.reason, 'shutdown');
  t.equal(h.session.state.agent.kind, 'ended');
  t.ok(h.media.stopped, 'media stopped');
  t.equal(h.conversation.endedWith, 'shutdown');
});

t.test('barge-in: the agent audio is cut at once; a real interruption takes the turn', async (t) => {
  const h = startSession();
  await settle();
  t.equal(h.media.queued.length, 2, 'greeting queued');
  await h.speechStart();
  t.equal(h.media.flushes, 1, 'audio flushed on confirmed speech, before the segment ends');
  t.equal(h.session.state.agent.kind, 'interrupted');
  await h.speechEnd('what time do you open on sunday');
  t.equal(h.conversation.interrupted.length, 1, 'the turn is marked interrupted');
  t.match(h.conversation.interrupted[0], /^Hello/, 'with what the caller heard');
  t.same(h.conversation.heard, ['what time do you open on sunday']);
  t.equal(h.speech.spoken.at(-1), 'You said what time do you open on sunday.');
  t.equal(h.session.state.agent.kind, 'speaking');
  await h.session.stop();
});

t.test('backchannel: the cut audio resumes and the turn stays with the agent', async (t) => {
  const h = startSession();
  await settle();
  const playsBefore = h.media.plays.length;
  await h.speechStart();
  t.equal(h.session.state.agent.kind, 'interrupted');
  await h.speechEnd('mhm', 600);
  t.equal(h.conversation.interrupted.length, 0, 'not an interruption');
  t.same(h.conversation.heard, [], 'the agent was not asked anything');
  t.equal(h.session.state.agent.kind, 'speaking');
  t.equal(h.media.plays.length, playsBefore + 2, 'both cut sentences queued again');
  t.ok(
    (h.media.plays[playsBefore]?.samples ?? 0) < (h.media.plays[0]?.samples ?? 0),
    'the first one from just before the cut',
  );
  await h.media.playAll();
  t.equal(h.session.state.agent.kind, 'listening', 'resumed audio played: the caller has the turn');
  await h.session.stop();
});

t.test('silence: reprompts after the timeout, then hangs up for silence', async (t) => {
  const h = startSession({ behaviour: { silenceTimeoutMs: 5000, silenceReprompts: 2 } });
  await settle();
  await h.media.playAll();
  await h.clock.advance(4999);
  t.same(h.conversation.silences, [], 'not before the timeout');
  await h.clock.advance(1);
  t.same(h.conversation.silences, [1], 'first reprompt');
  t.equal(h.speech.spoken.at(-1), 'Are you still there?');
  // The clock restarts only once the reprompt has been played.
  await h.clock.advance(10_000);
  t.same(h.conversation.silences, [1]);
  await h.media.playAll();
  await h.clock.advance(5000);
  t.same(h.conversation.silences, [1, 2]);
  await h.media.playAll();
  // The caller answers: the count starts again.
  await h.says('still here');
  await h.media.playAll();
  await h.clock.advance(5000);
  t.same(h.conversation.silences, [1, 2, 1], 'count reset by the caller');
  await h.media.playAll();
  await h.clock.advance(5000);
  await h.media.playAll();
  await h.clock.advance(5000);
  t.same(h.conversation.silences, [1, 2, 1, 2, 3]);
  t.equal(h.session.state.agent.kind, 'committed', 'goodbye cannot be interrupted');
  await h.speechStart();
  t.equal(h.media.flushes, 0, 'caller speech over the goodbye does not cut it');
  await h.media.playAll();
  t.equal(h.end()?.reason, 'silence');
  t.equal(h.call.hangups, 1, 'BYE sent');
});

t.test('speech before the timeout cancels the reprompt', async (t) => {
  const h = startSession();
  await settle();
  await h.media.playAll();
  await h.clock.advance(3000);
  await h.speechStart();
  await h.clock.advance(10_000);
  t.same(h.conversation.silences, [], 'no reprompt while the caller speaks');
  await h.speechEnd(''); // noise: nothing recognized
  await h.clock.advance(5000);
  t.same(h.conversation.silences, [1], 'noise re-arms the silence clock');
  await h.session.stop();
});

t.test('DTMF: a digit is answered; the transfer digit cuts the agent and transfers', async (t) => {
  const h = startSession();
  await settle();
  await h.media.playAll();
  await h.media.digit('5');
  t.same(h.conversation.digits, ['5']);
  t.equal(h.speech.spoken.at(-1), 'You pressed 5.');
  t.equal(h.media.flushes, 0, 'an ordinary digit does not cut');
  await h.media.playAll();
  await h.says('tell me about your prices please');
  t.equal(h.media.queued.length, 1);
  await h.media.digit('0');
  t.equal(h.media.flushes, 1, 'the transfer digit cuts the current answer');
  t.equal(h.session.state.agent.kind, 'committed');
  t.same(h.call.transfers, [], 'REFER waits for the announcement to be played');
  await h.media.playAll();
  t.same(h.call.transfers, ['200'], 'REFER to the transfer target');
  t.equal(h.end()?.reason, 'transferred');
  t.equal(h.call.hangups, 1);
});

t.test('DTMF pressed while the call is set up is held and handled first, in order', async (t) => {
  const h = startSession({
    beforeSession: (media, call) => {
      const early = holdEarlyDigits(media, call);
      // Before the session listens (the agent still compiling): RTP and SIP INFO digits.
      void media.digit('1');
      call.emit({ kind: 'dtmf', digit: '2', durationMs: 160, source: 'info' });
      void media.digit('3');
      return () => early.take();
    },
  });
  await settle();
  t.same(h.received, ['1:rfc4733', '2:sip-info', '3:rfc4733'], 'each held digit reported once, in order');
  t.same(h.conversation.digits, ['1', '2', '3'], 'and handled');
  await h.media.playAll();
  await h.media.digit('4');
  t.same(h.received.at(-1), '4:rfc4733', 'a later digit reaches the session directly');
  t.equal(h.received.length, 4, 'no digit twice');
});

t.test('without holding, digits pressed before the session starts are lost', async (t) => {
  // Why early-digits.ts exists: the session's listeners are not there yet.
  const h = startSession({
    beforeSession: (media) => {
      void media.digit('1');
      return undefined;
    },
  });
  await settle();
  t.same(h.received, []);
});

t.test('transfer: caller speech does not interrupt a committed transfer', async (t) => {
  const h = startSession();
  await settle();
  await h.media.playAll();
  await h.says('transfer me please');
  t.equal(h.session.state.agent.kind, 'committed');
  await h.speechStart();
  t.equal(h.media.flushes, 0, 'no barge-in once committed');
  await h.media.playAll();
  t.same(h.call.transfers, ['200']);
  t.equal(h.end()?.reason, 'transferred');
});

t.test('transfer refused, bridge fails: an apology and the agent carries on', async (t) => {
  const h = startSession({ bridge: () => Promise.resolve(false) });
  h.call.transferResult = { kind: 'refer-rejected', status: 405 };
  await settle();
  await h.media.playAll();
  await h.says('transfer me');
  await h.media.playAll();
  t.same(h.call.transfers, ['200']);
  t.same(h.bridged, ['200'], 'bridge tried after REFER was refused');
  t.equal(h.speech.spoken.at(-1), TRANSFER_FAILED);
  t.equal(h.session.state.agent.kind, 'speaking');
  await h.media.playAll();
  t.equal(h.session.state.agent.kind, 'listening');
  t.equal(h.end(), undefined, 'call still up');
  await h.says('ok what are your hours');
  t.equal(h.conversation.heard.at(-1), 'ok what are your hours', 'caller heard again');
  await h.session.stop();
});

t.test('transfer target refused by the outbound policy: no REFER, no bridge, an apology', async (t) => {
  const h = startSession({
    allowTransfer: () => Promise.resolve(false),
    bridge: () => Promise.resolve(true),
  });
  await settle();
  await h.media.playAll();
  await h.says('transfer me');
  await h.media.playAll();
  t.same(h.call.transfers, [], 'no REFER');
  t.same(h.bridged, [], 'no bridge');
  t.equal(h.speech.spoken.at(-1), TRANSFER_FAILED);
  await h.media.playAll();
  t.equal(h.session.state.agent.kind, 'listening', 'the agent carries on');
  await h.session.stop();
});

t.test('transfer refused, bridged: the agent is out of the call until the bridge ends', async (t) => {
  const h = startSession({ bridge: () => Promise.resolve(true) });
  h.call.transferResult = { kind: 'transfer-failed', status: 486 };
  await settle();
  await h.media.playAll();
  await h.says('transfer me');
  await h.media.playAll();
  t.equal(h.session.state.agent.kind, 'bridged');
  await h.says('hello is anyone there');
  t.same(h.conversation.heard, ['transfer me'], 'the agent does not hear the bridged caller');
  h.session.bridgeEnded();
  await settle();
  t.equal(h.end()?.reason, 'bridged-ended');
});

t.test('take message: passed on, the call goes on; hang-up action ends it', async (t) => {
  const h = startSession();
  await settle();
  await h.media.playAll();
  await h.says('please take a message for Bob');
  t.same(h.messages, [{ name: 'Ann', text: 'please take a message for Bob' }]);
  await h.media.playAll();
  t.equal(h.session.state.agent.kind, 'listening');
  await h.says('bye');
  await h.media.playAll();
  t.equal(h.end()?.reason, 'agent-hangup');
  t.equal(h.call.hangups, 1);
});

t.test('maximum duration: the current reply is cut, goodbye, BYE', async (t) => {
  const h = startSession({ behaviour: { maxCallDurationS: 60, silenceTimeoutMs: 120_000 } });
  await settle();
  await h.media.playAll();
  await h.clock.advance(59_000);
  await h.says('tell me everything about your menu');
  t.equal(h.media.queued.length, 1, 'answer playing');
  await h.clock.advance(1000);
  t.equal(h.media.flushes, 1, 'answer cut');
  t.equal(h.speech.spoken.at(-1), 'Thank you for calling, goodbye.');
  t.equal(h.session.state.agent.kind, 'committed');
  await h.media.playAll();
  t.equal(h.end()?.reason, 'max-duration');
  t.equal(h.call.hangups, 1);
  t.ok((h.end()?.durationMs ?? 0) >= 60_000, 'duration on the session clock');
});

t.test('caller hangs up: everything stops, no BYE', async (t) => {
  const h = startSession();
  await settle();
  h.call.state = 'ended';
  h.call.emit({ kind: 'hangup', by: 'remote', reason: 'bye' });
  await settle();
  t.equal(h.end()?.reason, 'caller-hangup');
  t.equal(h.call.hangups, 0);
  await h.says('anyone');
  t.same(h.conversation.heard, [], 'nothing heard after the end');
});

t.test('the state table refuses transitions it does not list', async (t) => {
  const refused: IllegalTransition[] = [];
  const sm = new CallStateMachine({ illegal: (e) => refused.push(e) });
  t.notOk(sm.go({ kind: 'listening' }), 'idle -> listening refused');
  t.equal(sm.agent.kind, 'idle', 'state unchanged');
  t.equal(refused[0]?.message, 'illegal call state transition idle -> listening');
  t.ok(sm.go({ kind: 'ending', reason: 'shutdown' }));
  t.notOk(sm.go({ kind: 'ending', reason: 'error' }), 'ending twice refused');
  t.ok(sm.go({ kind: 'ended', reason: 'shutdown' }));
  t.same(agentTransitions.ended, [], 'ended is final');
  for (const [from, tos] of Object.entries(agentTransitions))
    if (from !== 'ending' && from !== 'ended') t.ok(tos.includes('ending'), `${from} can end`);
});

t.test('reprompts and the goodbye are said with the fixed-line voice (the calls cache)', async (t) => {
  const fixed: string[] = [];
  const h = startSession({
    behaviour: { silenceReprompts: 1 },
    fixedTts: {
      name: 'cached',
      synthesize: (text) => {
        fixed.push(text);
        return Promise.resolve({ pcm: new Int16Array(800).fill(1000), sampleRateHz: 8000 });
      },
    },
  });
  await settle();
  await h.media.playAll();
  const engine = h.speech.spoken.length;
  await h.clock.advance(5000);
  t.same(fixed, ['Are you still there?'], 'the reprompt came from the fixed-line voice');
  await h.media.playAll();
  await h.clock.advance(5000);
  await h.media.playAll();
  await settle();
  t.same(fixed, ['Are you still there?', 'Thank you for calling, goodbye.'], 'so did the goodbye');
  t.equal(h.speech.spoken.length, engine, 'the engine said none of them');
  await h.session.stop();
});
