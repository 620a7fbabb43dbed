import t from 'tap';
import { dialects } from '../../test/helpers/dialects.js';
import { startTestApi } from '../../test/helpers/app.js';
import { closestGap, gapTokens, jaccard } from '../gap-text.js';

t.test('near-duplicate questions share a key, other questions do not', async (t) => {
  const a = gapTokens('Do you sell gift vouchers?');
  const b = gapTokens('Can I buy a gift voucher, please?');
  const c = gapTokens('Do you do wedding cakes?');
  t.same(a, ['gift', 'sell', 'voucher']);
  t.ok(jaccard(a, b) >= 0.5, `voucher questions ${jaccard(a, b)}`);
  t.equal(jaccard(a, c), 0, 'nothing shared');
  t.same(gapTokens('what is it?'), [], 'no content words');
  const gaps = [
    { id: 'cake', tokens: c },
    { id: 'voucher', tokens: a },
  ];
  t.equal(closestGap(b, gaps)?.id, 'voucher');
  t.equal(closestGap(gapTokens('where do I park'), gaps), undefined);
});

const clinic = {
  name: 'Clinic line',
  greeting: 'Hello, you have reached Elm Clinic. How can I help?',
  facts: { phone: '555-0100' },
  faqs: [{ question: 'Do you have parking?', answer: 'Yes, there is free parking behind the building.' }],
};

interface Chat {
  conversationId: string;
  reply: string;
  intent: string;
}
interface GapList {
  items: {
    id: string;
    agentId: string;
    question: string;
    count: number;
    examples: string[];
    status: string;
    answer: string | null;
    firstSeen: string;
    lastSeen: string;
  }[];
  total: number;
  open: number;
  closed: number;
}

for (const dialect of dialects) {
  t.test(
    `knowledge gaps: unanswered -> listed -> answered -> retrained -> answered [${dialect}]`,
    async (t) => {
      const api = await startTestApi(t, dialect);
      const owner = await api.register('Elm Clinic');
      const tok = { token: owner.token };
      const agent = await api.call<{ id: string }>('POST', '/agents', { ...tok, body: clinic });
      t.equal(agent.status, 201);
      const id = agent.body.id;
      const trained = async (): Promise<void> => {
        for (let i = 0; i < 600; i++) {
          const s = await api.call<{ status: string; needsTraining: boolean }>(
            'GET',
            `/agents/${id}/status`,
            tok,
          );
          if (s.body.status === 'ready' && !s.body.needsTraining) return;
          if (s.body.status === 'failed') throw new Error('training failed');
          await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error('training did not finish');
      };
      t.equal((await api.call('POST', `/agents/${id}/train`, tok)).status, 202);
      await trained();
      const chat = (message: string, conversationId?: string) =>
        api.call<Chat>('POST', `/agents/${id}/chat`, {
          ...tok,
          body: { message, ...(conversationId ? { conversationId } : {}) },
        });

      const known = await chat('Do you have parking?');
      t.match(known.body.reply, /free parking/, 'an answered question');
      const q1 = await chat('Do you sell gift vouchers?');
      t.equal(q1.body.intent, 'unknown', 'the agent cannot answer it');
      t.match(q1.body.reply, /don't have information/);
      const q2 = await chat('Can I buy a gift voucher?');
      t.equal(q2.body.intent, 'unknown');
      const q3 = await chat('Do you do wedding cakes?', q2.body.conversationId);
      t.equal(q3.body.intent, 'unknown');

      const list = await api.call<GapList>('GET', `/gaps?agentId=${id}`, tok);
      t.equal(list.status, 200);
      t.equal(list.body.total, 2, 'two gaps: vouchers (asked twice) and cakes');
      t.equal(list.body.open, 2);
      t.equal(list.body.closed, 0);
      const voucher = list.body.items[0];
      t.equal(
        voucher?.question,
        'Do you sell gift vouchers?',
        'most asked first, named by its first question',
      );
      t.equal(voucher?.count, 2);
      t.same(voucher?.examples, ['Can I buy a gift voucher?', 'Do you sell gift vouchers?']);
      t.equal(voucher?.status, 'open');
      t.equal(list.body.items[1]?.question, 'Do you do wedding cakes?');
      t.equal(list.body.items[1]?.count, 1);
      t.notOk(
        list.body.items.some((g) => /parking/i.test(g.question)),
        'an answered question is no gap',
      );

      // Another business sees none of them.
      const other = await api.register('Other Shop');
      const theirs = await api.call<GapList>('GET', '/gaps', { token: other.token });
      t.equal(theirs.body.total, 0, 'gaps are scoped by business');
      t.equal(
        (
          await api.call('POST', `/gaps/${voucher?.id ?? ''}/answer`, {
            token: other.token,
            body: { answer: 'x' },
          })
        ).status,
        404,
      );

      const answered = await api.call<{ gap: GapList['items'][number]; training: { status: string } }>(
        'POST',
        `/gaps/${voucher?.id ?? ''}/answer`,
        { ...tok, body: { answer: 'Yes, gift vouchers are sold at reception from 10 to 100 dollars.' } },
      );
      t.equal(answered.status, 200);
      t.equal(answered.body.gap.status, 'closed');
      t.match(answered.body.gap.answer, /reception/);
      const again = await api.call('POST', `/gaps/${voucher?.id ?? ''}/answer`, {
        ...tok,
        body: { answer: 'No.' },
      });
      t.equal(again.status, 409, 'a gap is answered once');

      const a = await api.call<{ faqs: { question: string; answer: string }[] }>('GET', `/agents/${id}`, tok);
      t.same(
        a.body.faqs.at(-1),
        {
          question: 'Do you sell gift vouchers?',
          answer: 'Yes, gift vouchers are sold at reception from 10 to 100 dollars.',
        },
        'the answer became an FAQ',
      );
      await trained();

      const now = await chat('Do you sell gift vouchers?');
      t.not(now.body.intent, 'unknown', 'the same question is answered now');
      t.match(now.body.reply, /gift vouchers are sold at reception/);
      const after = await api.call<GapList>('GET', `/gaps?agentId=${id}`, tok);
      t.equal(after.body.open, 1);
      t.equal(after.body.closed, 1, 'closed this way: 1');
      t.equal(
        after.body.items.find((g) => g.id === voucher?.id)?.count,
        2,
        'no new voucher question counted',
      );
      const open = await api.call<GapList>('GET', `/gaps?agentId=${id}&status=open`, tok);
      t.same(
        open.body.items.map((g) => g.question),
        ['Do you do wedding cakes?'],
      );
      const viewer = await api.call('POST', `/gaps/${list.body.items[1]?.id ?? ''}/answer`, {
        body: { answer: 'No.' },
      });
      t.equal(viewer.status, 401, 'answering needs a signed-in editor');
    },
  );
}
