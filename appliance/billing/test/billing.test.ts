import { createHash } from 'node:crypto';
import t from 'tap';
import { dialects } from '../../test/helpers/dialects.js';
import { startTestApi } from '../../test/helpers/app.js';

interface Statement {
  id: string;
  number: string;
  status: string;
  lines: { kind: string; amountCents: number; description: string }[];
  totalCents: number;
  finalizedAt: string | null;
  contentHash: string | null;
  usage: { calls: number };
}
interface Usage {
  current: {
    planId: string;
    calls: number;
    callLimit: number | null;
    apiRequests: number;
    periodEnd: string;
  } | null;
  history: { periodStart: string; status: string }[];
}

const day = 86_400_000;

for (const dialect of dialects) {
  t.test(
    `subscribe, pro-rated plan change, cancel and roll-over with a controllable clock [${dialect}]`,
    async (t) => {
      let clock = new Date('2026-01-15T00:00:00.000Z');
      const api = await startTestApi(t, dialect, {}, () => clock);
      const a = await api.register('Billing Co');
      const tok = { token: a.token };

      const none = await api.call<Usage>('GET', '/business/usage', tok);
      t.equal(none.status, 200);
      t.equal(none.body.current, null, 'no subscription, no current period');

      const sub = await api.call<{ planId: string; periodEnd: string }>('POST', '/business/subscribe', {
        ...tok,
        body: { planId: 'starter' },
      });
      t.equal(sub.status, 201);
      t.equal(sub.body.periodEnd, '2026-02-15T00:00:00.000Z', 'one calendar month');
      const u1 = await api.call<Usage>('GET', '/business/usage', tok);
      t.equal(u1.body.current?.planId, 'starter');
      t.equal(u1.body.current?.callLimit, 100);

      // Ten days in (of 31), switch to Professional: 21/31 of each fee.
      clock = new Date(clock.getTime() + 10 * day);
      const ch = await api.call<{ planId: string; periodEnd: string }>('POST', '/business/subscribe', {
        ...tok,
        body: { planId: 'professional' },
      });
      t.equal(ch.body.planId, 'professional');
      t.equal(ch.body.periodEnd, '2026-02-15T00:00:00.000Z', 'the period carries on');
      const list = await api.call<{ items: { id: string; status: string }[]; total: number }>(
        'GET',
        '/business/invoices',
        tok,
      );
      t.equal(list.body.total, 1);
      const stId = list.body.items[0]?.id ?? '';
      const open = await api.call<Statement>('GET', `/business/invoices/${stId}`, tok);
      t.equal(open.body.status, 'open');
      t.same(
        open.body.lines.map((l) => [l.kind, l.amountCents]),
        [
          ['plan_fee', 2900],
          ['proration_credit', -1965], // 2900 * 21/31 = 1964.52 -> 1965
          ['proration_charge', 6706], // 9900 * 21/31 = 6706.45 -> 6706
        ],
      );
      t.equal(open.body.totalCents, 2900 - 1965 + 6706);
      t.equal(open.body.contentHash, null, 'an open statement has no hash');

      const again = await api.call('POST', '/business/subscribe', {
        ...tok,
        body: { planId: 'professional' },
      });
      t.equal(again.status, 201, 'subscribing to the current plan changes nothing');
      t.equal((await api.call<Statement>('GET', `/business/invoices/${stId}`, tok)).body.lines.length, 3);

      const cancel = await api.call<{ cancelAtPeriodEnd: boolean }>(
        'POST',
        '/business/subscription/cancel',
        tok,
      );
      t.equal(cancel.status, 200);
      t.equal(cancel.body.cancelAtPeriodEnd, true);
      const resume = await api.call<{ cancelAtPeriodEnd: boolean }>(
        'POST',
        '/business/subscription/resume',
        tok,
      );
      t.equal(resume.body.cancelAtPeriodEnd, false);
      await api.call('POST', '/business/subscription/cancel', tok);

      // Past the period end: the subscription ends, the statement is final and frozen.
      clock = new Date('2026-02-15T00:00:01.000Z');
      const plans = await api.call<{ current: unknown }>('GET', '/business/plans', tok);
      t.equal(plans.body.current, null, 'a cancelled subscription ends at the period end');
      const fin = await api.call<Statement>('GET', `/business/invoices/${stId}`, tok);
      t.equal(fin.body.status, 'final');
      t.ok(fin.body.finalizedAt);
      t.match(fin.body.contentHash, /^[0-9a-f]{64}$/);
      t.equal(fin.body.totalCents, 7641);
      const row = await api.app.ctx.db.kysely
        .selectFrom('statements')
        .select(['content', 'content_hash'])
        .where('id', '=', stId)
        .executeTakeFirstOrThrow();
      t.equal(
        createHash('sha256')
          .update(row.content ?? '')
          .digest('hex'),
        row.content_hash,
        'hash over the content',
      );
      clock = new Date('2026-03-20T00:00:00.000Z');
      const later = await api.call<Statement>('GET', `/business/invoices/${stId}`, tok);
      t.equal(later.body.contentHash, fin.body.contentHash, 'never recomputed');
      const resumeLate = await api.call('POST', '/business/subscription/resume', tok);
      t.equal(resumeLate.status, 409, 'nothing to resume after the end');
      const hist = await api.call<Usage>('GET', '/business/usage', tok);
      t.equal(hist.body.current, null);
      t.equal(hist.body.history.length, 1);

      // CSV: header, one row per line, a total; fields with commas are quoted.
      const csv = await api.call<string>('GET', `/business/invoices/${stId}?format=csv`, tok);
      t.equal(csv.status, 200);
      t.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
      const lines = csv.body.trimEnd().split('\r\n');
      t.equal(
        lines[0],
        'statement,period_start,period_end,status,line,kind,description,quantity,unit_cents,amount_cents',
      );
      t.equal(lines.length, 5);
      t.match(lines[1] ?? '', /,plan_fee,"Starter plan, 2026-01-15 to 2026-02-15",1,2900,2900$/);
      t.match(lines[4] ?? '', /,total,Total \(USD cents\),,,7641$/);
      const viaAccept = await api.call<string>('GET', `/business/invoices/${stId}`, {
        ...tok,
        headers: { accept: 'text/csv' },
      });
      t.equal(viaAccept.body, csv.body, 'Accept: text/csv gives the same CSV');
      const bad = await api.call('GET', `/business/invoices/${stId}?format=xml`, tok);
      t.equal(bad.status, 400);
    },
  );

  t.test(`periods roll over (lazily and by the tick); API requests are metered [${dialect}]`, async (t) => {
    let clock = new Date('2026-01-31T12:00:00.000Z');
    const api = await startTestApi(t, dialect, {}, () => clock);
    const a = await api.register('Roller');
    const tok = { token: a.token };
    await api.call('POST', '/business/subscribe', { ...tok, body: { planId: 'enterprise' } });
    for (let i = 0; i < 5; i++) await api.call('GET', '/business/profile', tok);
    const billing = api.app.modules.billing;
    await billing.flushUsage();
    const u = await api.call<Usage>('GET', '/business/usage', tok);
    t.ok((u.body.current?.apiRequests ?? 0) >= 6, `API requests counted (${u.body.current?.apiRequests})`);
    t.equal(u.body.current?.periodEnd, '2026-02-28T12:00:00.000Z', 'Jan 31 + 1 month clamps to Feb 28');

    // Knowledge storage is the sum of the business's document sizes.
    for (const size of [4000, 1500])
      await api.app.ctx.db.kysely
        .insertInto('knowledge_documents')
        .values({
          id: crypto.randomUUID(),
          business_id: a.businessId,
          title: 'doc',
          filename: null,
          kind: 'txt',
          size_bytes: size,
          sha256: crypto.randomUUID(),
          status: 'ready',
          error: null,
          chunks_total: 0,
          chunks_done: 0,
          attempts: 0,
          lease_until: null,
          created_at: clock.toISOString(),
          updated_at: clock.toISOString(),
        })
        .execute();
    const withDocs = await api.call<{ current: { knowledgeBytes: number } }>('GET', '/business/usage', tok);
    t.equal(withDocs.body.current.knowledgeBytes, 5500);

    clock = new Date('2026-04-01T00:00:00.000Z');
    await billing.tick();
    const st = await api.app.ctx.db.kysely
      .selectFrom('statements')
      .select(['period_start', 'period_end', 'status'])
      .where('business_id', '=', a.businessId)
      .orderBy('period_start')
      .execute();
    t.same(
      st.map((s) => [s.period_start.slice(0, 10), s.period_end.slice(0, 10), s.status]),
      [
        ['2026-01-31', '2026-02-28', 'final'],
        ['2026-02-28', '2026-03-31', 'final'],
        ['2026-03-31', '2026-04-30', 'open'],
      ],
      'the tick closed two periods; the anchor (31st) does not drift',
    );
    const hist = await api.call<Usage>('GET', '/business/usage', tok);
    t.equal(hist.body.history.length, 2);
    t.equal(hist.body.current?.planId, 'enterprise');
    t.equal(hist.body.current?.callLimit, null);
  });
}
