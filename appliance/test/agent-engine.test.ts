import t from 'tap';
import { createAgentEngine, type AgentModule, type ReplyEvent } from '../agent/index.js';
import { dialects } from './helpers/dialects.js';
import { startTestApi } from './helpers/app.js';

const clinic = {
  name: 'Clinic line',
  greeting: 'Hello, you have reached Elm Clinic. How can I help?',
  facts: {
    hours: [
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '09:00', close: '17:30' },
      { days: ['sat'], open: '10:00', close: '14:00' },
    ],
    address: '15 Elm Ave., Springfield',
    phone: '555-0100',
    transferExtension: '300',
  },
  faqs: [{ question: 'Do you have parking?', answer: 'Yes, there is free parking behind the building.' }],
  intents: [
    { name: 'book_visit', examples: ['I want to book a visit'], response: 'Sure, when would suit you?' },
  ],
};

async function collect(events: AsyncIterable<ReplyEvent>): Promise<{
  sentences: string[];
  actions: Extract<ReplyEvent, { kind: 'action' }>[];
  done: Extract<ReplyEvent, { kind: 'done' }> | undefined;
}> {
  const out = {
    sentences: [] as string[],
    actions: [] as Extract<ReplyEvent, { kind: 'action' }>[],
    done: undefined as Extract<ReplyEvent, { kind: 'done' }> | undefined,
  };
  for await (const e of events) {
    if (e.kind === 'sentence') out.sentences.push(e.text);
    else if (e.kind === 'action') out.actions.push(e);
    else out.done = e;
  }
  return out;
}

for (const dialect of dialects) {
  t.test(`conversation engine: voice, DTMF, silence, persistence [${dialect}]`, async (t) => {
    const api = await startTestApi(t, dialect);
    const owner = await api.register('Elm Clinic');
    const tok = { token: owner.token };
    const agent = await api.call<{ id: string }>('POST', '/agents', { ...tok, body: clinic });
    t.equal(agent.status, 201);
    const engine = (api.app.modules.agent as AgentModule).engine;
    const start = { businessId: owner.businessId, agentId: agent.body.id };

    // Voice: the same answers, spoken.
    const call = await engine.start({ ...start, channel: 'voice', caller: '+15551230000' });
    t.match(call.greeting().text, /Elm Clinic/);
    const hours = await collect(call.respond({ text: 'what are your opening hours', confidence: 0.9 }));
    t.equal(hours.done?.intent, 'hours');
    t.match(hours.sentences.join(' '), /9 AM to 5:30 PM/, 'times are spoken');
    t.notMatch(hours.sentences.join(' '), /\d{2}:\d{2}/, 'no 24 h times read out');
    t.ok(hours.done && hours.done.agentMs >= 0 && hours.done.grounded);
    t.same(hours.done?.sources, ['facts.hours']);
    const sunday = await collect(call.respond({ text: 'and on Sunday?' }));
    t.match(sunday.sentences.join(' '), /closed on Sundays/, 'a follow-up uses the last intent');
    const phone = await collect(call.respond({ text: "what's your phone number" }));
    t.match(phone.sentences.join(' '), /5 5 5, 0 1 0 0/, 'phone numbers digit by digit');
    const where = await collect(call.respond({ text: 'where are you located' }));
    t.match(where.sentences.join(' '), /15 Elm Avenue, Springfield/, 'abbreviations expanded');
    const again = await collect(call.respond({ text: 'sorry, can you repeat that?' }));
    t.same(again.sentences, where.sentences, 'repeat says the last answer again');
    const alt = await collect(
      call.respond({ text: 'wear is the parking', alternatives: ['where is the parking'] }),
    );
    t.match(alt.sentences.join(' '), /free parking/, 'an STT alternative is used when better');
    call.markInterrupted('Yes, there is');

    const silent1 = await collect(call.onSilence(1));
    t.match(silent1.sentences.join(' '), /still there/);
    t.same(silent1.actions, []);
    const silent2 = await collect(call.onSilence(2));
    t.same(
      silent2.actions.map((a) => a.action),
      ['end_call'],
      'silence after the reprompts ends the call',
    );
    const key = await collect(call.onDtmf('0'));
    t.same(
      key.actions,
      [{ kind: 'action', action: 'transfer', target: '300' }],
      'the transfer digit transfers',
    );
    const other = await collect(call.onDtmf('7'));
    t.same(other.sentences, [], 'other digits say nothing');

    // Hostile input is answered, never thrown.
    for (const text of ['', 'x'.repeat(100_000), '\u0000\ud800\uffff', 42 as unknown as string]) {
      const r = await collect(call.respond({ text }));
      t.ok(r.done, `answered ${JSON.stringify(String(text).slice(0, 10))}`);
    }
    // The caller barges in after the first sentence: only what was said is remembered.
    for await (const e of call.respond({ text: 'what are your opening hours' }))
      if (e.kind === 'sentence') break;
    const heard = await collect(call.respond({ text: 'repeat that please' }));
    t.equal(heard.sentences.length, 1, 'a reply cut short is stored as far as it was said');
    t.match(heard.sentences[0] ?? '', /Monday to Friday/);
    const ac = new AbortController();
    ac.abort();
    const aborted = await collect(call.respond({ text: 'what are your hours' }, { signal: ac.signal }));
    t.same(aborted.sentences, [], 'a barge-in before the reply says nothing');
    await call.end('caller hung up');

    const stored = await api.call<{
      status: string;
      channel: string;
      caller: string;
      durationMs: number;
      turns: {
        speaker: string;
        text: string;
        intent: string | null;
        interrupted: boolean;
        meta: { spokenText?: string } | null;
      }[];
    }>('GET', `/conversations/${call.id}`, tok);
    t.equal(stored.status, 200);
    t.equal(stored.body.status, 'ended');
    t.equal(stored.body.channel, 'voice');
    t.equal(stored.body.caller, '+15551230000');
    t.ok(
      stored.body.turns.some((x) => x.speaker === 'caller' && x.text === 'and on Sunday?'),
      'caller turns stored',
    );
    const cut = stored.body.turns.find((x) => x.interrupted);
    t.equal(cut?.meta?.spokenText, 'Yes, there is', 'the barge-in is recorded on the turn it cut');
    t.match(cut?.text ?? '', /free parking/);

    // A message, with the number typed on the keypad; resumed by a fresh engine halfway.
    const text = await engine.start({ ...start, channel: 'voice' });
    await collect(text.respond({ text: 'I would like to leave a message' }));
    await collect(text.respond({ text: 'my name is Ann Lee' }));
    for (const d of '5551212') await collect(text.onDtmf(d));
    await text.flush();
    const fresh = createAgentEngine({ app: api.app.ctx });
    const resumed = await fresh.start({ ...start, channel: 'voice', conversationId: text.id });
    const afterHash = await collect(resumed.onDtmf('#'));
    t.match(
      afterHash.sentences.join(' '),
      /what would you like the message to say/i,
      'state survived the restart',
    );
    const taken = await collect(resumed.respond({ text: 'the heating in room two is broken' }));
    t.same(taken.actions[0]?.message, {
      name: 'Ann Lee',
      callbackNumber: '5551212',
      text: 'the heating in room two is broken',
    });
    await resumed.end('done');

    // Conversations list: filters and pagination, newest first.
    const chat = await api.call<{ conversationId: string }>('POST', `/agents/${agent.body.id}/chat`, {
      ...tok,
      body: { message: 'hi' },
    });
    t.equal(chat.status, 200);
    const all = await api.call<{ items: { id: string; channel: string }[]; total: number }>(
      'GET',
      '/conversations',
      tok,
    );
    t.equal(all.body.total, 3);
    const texts = await api.call<{ items: { id: string }[]; total: number }>(
      'GET',
      '/conversations?channel=text',
      tok,
    );
    t.same(
      texts.body.items.map((x) => x.id),
      [chat.body.conversationId],
    );
    const paged = await api.call<{ items: unknown[]; total: number }>(
      'GET',
      '/conversations?limit=1&offset=1',
      tok,
    );
    t.equal(paged.body.items.length, 1);
    t.equal(paged.body.total, 3);
    const future = await api.call<{ total: number }>('GET', '/conversations?from=2999-01-01T00:00:00Z', tok);
    t.equal(future.body.total, 0);
    const byAgent = await api.call<{ total: number }>(`GET`, `/conversations?agentId=${agent.body.id}`, tok);
    t.equal(byAgent.body.total, 3);
    t.equal((await api.call('GET', '/conversations?channel=fax', tok)).status, 400);
    t.equal((await api.call('GET', '/conversations?from=yesterday', tok)).status, 400);

    // Bad chat requests are 4xx, never 500.
    const bad = async (body: unknown, status: number, why: string): Promise<void> => {
      t.equal(
        (await api.call('POST', `/agents/${agent.body.id}/chat`, { ...tok, body })).status,
        status,
        why,
      );
    };
    await bad({ message: '' }, 400, 'empty message');
    await bad({ message: 'x'.repeat(2001) }, 400, 'too long');
    await bad({ message: 'hi', extra: 1 }, 400, 'unknown field');
    await bad({ message: 'hi', conversationId: 'nope' }, 400, 'not a uuid');
    await bad(
      { message: 'hi', conversationId: '00000000-0000-4000-8000-000000000000' },
      404,
      'unknown conversation',
    );
    await bad({ message: 'hi', conversationId: call.id }, 409, 'an ended conversation');
    const raw = await api.call('POST', `/agents/${agent.body.id}/chat`, {
      ...tok,
      raw: '{"message":',
      headers: { 'content-type': 'application/json' },
    });
    t.equal(raw.status, 400, 'malformed JSON');

    // Another business cannot continue this business's conversation through its own agent.
    const rival = await api.register('Other Clinic');
    const otherAgent = await api.call<{ id: string }>('POST', '/agents', {
      token: rival.token,
      body: { name: 'O' },
    });
    const hijack = await api.call('POST', `/agents/${otherAgent.body.id}/chat`, {
      token: rival.token,
      body: { message: 'hi', conversationId: chat.body.conversationId },
    });
    t.equal(hijack.status, 404, "another business's conversation id is not found");
    const mixed = await api.call('POST', `/agents/${otherAgent.body.id}/chat`, {
      token: rival.token,
      body: { message: 'hi' },
    });
    const wrongAgent = await api.call('POST', `/agents/${agent.body.id}/chat`, {
      ...tok,
      body: { message: 'hi', conversationId: (mixed.body as { conversationId: string }).conversationId },
    });
    t.equal(wrongAgent.status, 404, 'nor through its own agent');

    // Training builds the intent index and the STT phrase list.
    t.equal((await api.call('POST', `/agents/${agent.body.id}/train`, tok)).status, 202);
    await api.app.trainer.idle();
    const st = await api.call<{ status: string; stepsTotal: number }>(
      'GET',
      `/agents/${agent.body.id}/status`,
      tok,
    );
    t.equal(st.body.status, 'ready');
    t.ok(st.body.stepsTotal >= 4, 'validate + intent index + knowledge version + STT phrases');
    const bias = await (api.app.modules.agent as AgentModule).sttBias(owner.businessId, agent.body.id);
    t.ok(bias?.phrases.includes('i want to book a visit'), 'intent examples bias STT');
    t.ok(bias?.phrases.includes('do you have parking'), 'FAQ questions bias STT');
    t.match(bias?.grammar ?? '', /^#JSGF V1\.0;/);
  });
}

t.test('an agent without data says so instead of inventing', async (t) => {
  const api = await startTestApi(t, 'sqlite');
  const owner = await api.register('Blank Co');
  const agent = await api.call<{ id: string }>('POST', '/agents', {
    token: owner.token,
    body: { name: 'Blank' },
  });
  const ask = async (
    message: string,
    conversationId?: string,
  ): Promise<{ reply: string; intent: string; conversationId: string; actions: { action: string }[] }> =>
    (
      await api.call<{
        reply: string;
        intent: string;
        conversationId: string;
        actions: { action: string }[];
      }>('POST', `/agents/${agent.body.id}/chat`, {
        token: owner.token,
        body: { message, ...(conversationId ? { conversationId } : {}) },
      })
    ).body;
  const hours = await ask('what are your opening hours');
  t.match(hours.reply, /don't have/);
  t.notMatch(hours.reply, /\d/, 'no number in the answer');
  const human = await ask('can I talk to a person', hours.conversationId);
  t.same(human.actions, [], 'no transfer without a transfer extension');
  t.match(human.reply, /leave a message/);
  const yes = await ask('yes please', hours.conversationId);
  t.equal(yes.intent, 'take_message', '"yes" accepts the offered message');
  t.match(yes.reply, /name/);
});
