import t from 'tap';
import { finishCallRecords } from '../../calls/call-records.js';
import { newId } from '../../ids.js';
import { createLogger } from '../../log.js';
import { dialects } from '../../test/helpers/dialects.js';
import { startTestApi } from '../../test/helpers/app.js';
import { extractFields, findDate, findNumber, spokenDigits } from '../extraction.js';
import { buildPostCallRecord } from '../post-call.js';
import { sentimentOf } from '../sentiment.js';

// Friday 4 December 2026, UTC.
const friday = new Date('2026-12-04T15:00:00Z');

t.test('extraction rules', async (t) => {
  t.equal(spokenDigits('it is one two three four five thanks'), 'it is 12345 thanks');
  t.equal(spokenDigits('one of your staff'), 'one of your staff', 'a lone number word stays a word');
  t.equal(findDate('can I come tomorrow', friday), '2026-12-05');
  t.equal(findDate('next Tuesday please', friday), '2026-12-08');
  t.equal(findDate('on Friday', friday), '2026-12-11', 'the weekday of the call means a week on');
  t.equal(findDate('March 3rd', friday), '2027-03-03', 'a passed date is next year');
  t.equal(findDate('the 24th of December', friday), '2026-12-24');
  t.equal(findDate('12/31', friday), '2026-12-31');
  t.equal(findDate('whenever suits', friday), null);
  t.equal(findNumber('a table for four people'), 4);
  t.equal(findNumber('twenty five guests'), 25);
  t.equal(findNumber('we are 12'), 12);
  t.equal(findNumber('no idea'), null);
  const fields = [
    { name: 'pet_name', kind: 'text_after_cue' as const, cues: ["dog's name is", 'name is'], pattern: '' },
    { name: 'visit', kind: 'date' as const, cues: [], pattern: '' },
    { name: 'party', kind: 'number' as const, cues: ['party of', 'table for'], pattern: '' },
    { name: 'order', kind: 'order_number' as const, cues: [], pattern: 'AB-99999' },
    { name: 'any_order', kind: 'order_number' as const, cues: [], pattern: '' },
    { name: 'missing', kind: 'text_after_cue' as const, cues: ['my email is'], pattern: '' },
  ];
  t.same(
    extractFields(
      fields,
      [
        "Hi, I have 2 dogs and my dog's name is Rex Junior, and he needs a checkup",
        'could we come next Tuesday, a table for three',
        'my order is ab-12345 and the other one is one two three four five six',
      ],
      friday,
    ),
    {
      pet_name: 'Rex Junior',
      visit: '2026-12-08',
      party: 3,
      order: 'AB-12345',
      any_order: 'AB-12345',
      missing: null,
    },
  );
});

t.test('sentiment lexicon with negation', async (t) => {
  t.same(sentimentOf(['thanks, that is great']), { label: 'positive', score: 2 });
  t.same(sentimentOf(['this is ridiculous, I am not happy']), { label: 'negative', score: -2 });
  t.same(sentimentOf(['what time do you open']), { label: 'neutral', score: 0 });
});

const turn = (
  speaker: 'caller' | 'agent',
  text: string,
  intent: string | null = null,
  meta: object | null = null,
) => ({
  speaker,
  text,
  intent,
  meta: meta ? JSON.stringify(meta) : null,
});

t.test('outcomes and the extractive summary', async (t) => {
  const base = { fields: [], startedAt: friday };
  const answered = [
    turn('agent', 'Hello, Elm Clinic.', 'greeting'),
    turn('caller', 'when are you open on saturday'),
    turn('agent', 'On Saturday we are open 10 AM to 2 PM. Anything else?', 'hours', {
      sources: ['facts.hours'],
    }),
  ];
  const r = buildPostCallRecord({ ...base, turns: answered, reason: 'agent-hangup' });
  t.equal(r.outcome, 'resolved');
  t.equal(
    r.summary,
    'Caller asked "when are you open on saturday". Agent: "On Saturday we are open 10 AM to 2 PM." Resolved by the agent.',
  );
  const gap = [
    ...answered,
    turn('caller', 'do you sell gift vouchers'),
    turn('agent', "I'm sorry, I don't have information about that.", 'unknown'),
  ];
  const g = buildPostCallRecord({ ...base, turns: gap, reason: 'caller-hangup' });
  t.equal(g.outcome, 'unanswered', 'ended on a question the agent could not answer');
  t.match(g.summary, /Not answered: "do you sell gift vouchers"/);
  t.equal(
    buildPostCallRecord({
      ...base,
      turns: [
        ...gap,
        turn('caller', 'ok'),
        turn('agent', 'Putting you through.', 'transfer', { actions: ['transfer'] }),
      ],
      reason: 'transferred',
    }).outcome,
    'transferred',
  );
  t.equal(
    buildPostCallRecord({ ...base, turns: gap, reason: 'caller-hangup', messageTaken: true }).outcome,
    'message_taken',
  );
  t.equal(
    buildPostCallRecord({ ...base, turns: [turn('agent', 'Hello', 'greeting')], reason: 'caller-hangup' })
      .outcome,
    'caller_hung_up',
  );
  t.equal(
    buildPostCallRecord({ ...base, turns: [], reason: 'agent-hangup', billing: 'refused' }).outcome,
    'plan_limit',
  );
  t.equal(
    buildPostCallRecord({ ...base, turns: gap, reason: 'caller-hangup', messageTaken: false }).sentiment,
    'neutral',
  );
});

for (const dialect of dialects) {
  t.test(`post-call record: chat API end to end, and a call's webhooks [${dialect}]`, async (t) => {
    const api = await startTestApi(t, dialect, { outbound: { allowNetworks: ['127.0.0.0/8'] } });
    const owner = await api.register('Paws Vet');
    const tok = { token: owner.token };
    const agent = await api.call<{ id: string; extraction: unknown[] }>('POST', '/agents', {
      ...tok,
      body: {
        name: 'Vet desk',
        facts: {
          phone: '555-0100',
          hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '08:00', close: '18:00' }],
        },
        extraction: [
          { name: 'pet_name', kind: 'text_after_cue', cues: ["pet's name is", 'name is'] },
          { name: 'visit', kind: 'date' },
          { name: 'order', kind: 'order_number', pattern: 'AA-99999' },
        ],
      },
    });
    t.equal(agent.status, 201);
    t.equal(agent.body.extraction.length, 3, 'extraction fields are part of the agent');
    const id = agent.body.id;
    t.equal(
      (
        await api.call('PUT', `/agents/${id}`, {
          ...tok,
          body: { extraction: [{ name: 'Bad Name', kind: 'date' }] },
        })
      ).status,
      400,
      'field names are checked',
    );
    const chat = (message: string, conversationId?: string) =>
      api.call<{ conversationId: string; ended: boolean }>('POST', `/agents/${id}/chat`, {
        ...tok,
        body: { message, ...(conversationId ? { conversationId } : {}) },
      });
    const c1 = await chat('About my order, it is AB-12345');
    await chat("My pet's name is Bella. Are you open on Monday?", c1.body.conversationId);
    const bye = await chat('Thanks, that is great. Goodbye', c1.body.conversationId);
    t.ok(bye.body.ended, 'the agent ended the conversation');
    const conv = await api.call<{
      outcome: string;
      postCall: { outcome: string; summary: string; sentiment: string; fields: Record<string, unknown> };
    }>('GET', `/conversations/${c1.body.conversationId}`, tok);
    t.equal(conv.status, 200);
    t.equal(conv.body.outcome, 'resolved');
    t.equal(conv.body.postCall.sentiment, 'positive');
    t.match(
      conv.body.postCall.summary,
      /^Caller asked "My pet's name is Bella\. Are you open on Monday\?" Agent: "On Monday we're open [^"]*8 AM to 6 PM\." Not answered: "About my order, it is AB-12345"\. Resolved by the agent\.$/,
      'the last request was answered: resolved, with the one not answered named',
    );
    const started = new Date();
    const monday = new Date(Date.UTC(started.getUTCFullYear(), started.getUTCMonth(), started.getUTCDate()));
    monday.setUTCDate(monday.getUTCDate() + ((8 - monday.getUTCDay()) % 7 || 7));
    t.same(conv.body.postCall.fields, {
      pet_name: 'Bella',
      visit: monday.toISOString().slice(0, 10),
      order: 'AB-12345',
    });
    const list = await api.call<{ items: { id: string; outcome: string | null }[] }>(
      'GET',
      '/conversations?outcome=resolved',
      tok,
    );
    t.same(
      list.body.items.map((c) => c.id),
      [c1.body.conversationId],
      'conversations filter by outcome',
    );

    // A phone call's end: the record with the call's end reason, in call.ended and transcript.ready.
    const hook = await api.call('POST', '/webhooks', {
      ...tok,
      body: { url: 'http://127.0.0.1:9/hook', events: ['call.ended', 'transcript.ready'] },
    });
    t.equal(hook.status, 201);
    const db = api.app.ctx.db.kysely;
    const c2 = await chat('Do you sell gift vouchers?');
    const callId = newId();
    await db
      .insertInto('calls')
      .values({
        id: callId,
        business_id: owner.businessId,
        agent_id: id,
        conversation_id: c2.body.conversationId,
        direction: 'inbound',
        caller: '15550100',
        dialed: '100',
        state: 'active',
        billing: 'included',
        started_at: new Date().toISOString(),
        answered_at: new Date().toISOString(),
        ended_at: null,
        end_reason: null,
        message: null,
        external_status: null,
        channel: 'sip',
        external_id: null,
        node_id: null,
      })
      .execute();
    await finishCallRecords(
      {
        db,
        now: () => new Date(),
        log: createLogger('silent'),
        masterKey: api.app.ctx.masterKey,
        dataDir: api.app.ctx.config.dataDir,
      },
      {
        id: callId,
        businessId: owner.businessId,
        agentId: id,
        billing: 'included',
        caller: '15550100',
        direction: 'inbound',
        startedAt: new Date().toISOString(),
      },
      c2.body.conversationId,
      { reason: 'caller-hangup', durationMs: 4000 } as never,
    );
    const events = await db
      .selectFrom('outbox')
      .select(['event_type', 'body'])
      .where('business_id', '=', owner.businessId)
      .orderBy('event_type')
      .execute();
    const payload = (type: string) =>
      (
        JSON.parse(events.find((e) => e.event_type === type)?.body ?? '{}') as {
          data?: { postCall?: { outcome: string; summary: string } };
        }
      ).data?.postCall;
    t.equal(payload('call.ended')?.outcome, 'unanswered', 'call.ended carries the record');
    t.match(payload('call.ended')?.summary, /Not answered: "Do you sell gift vouchers\?"/);
    t.equal(payload('transcript.ready')?.outcome, 'unanswered', 'transcript.ready too');
    const stored = await api.call<{ outcome: string }>(
      'GET',
      `/conversations/${c2.body.conversationId}`,
      tok,
    );
    t.equal(stored.body.outcome, 'unanswered', 'stored on the conversation');
  });
}
