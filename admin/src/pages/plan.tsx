import type { JSX } from 'preact';
import { api } from '../api/client';
import type { BodyOf, Invoice, ResponseOf, Subscription, UsagePeriod } from '../api/types';
import { BarChart } from '../ui/chart';
import { ErrorNotice } from '../ui/errors';
import { useAction, useGet } from '../ui/hooks';
import { announce } from '../ui/live';
import { show } from '../ui/format';
import { Async, Badge, fmtDate, fmtMoney, Page } from '../ui/page';
import { analyticsPath, type Analytics } from './insights';
import { field, Table } from '../ui/table';

/** Days shown in the per-day charts. */
const chartDays = 30;

/**
 * Calls and minutes per day over the last 30 days, counted by the server (GET /analytics: every
 * call of the range, in SQL), with days without calls shown as zero.
 */
function useDailyCalls():
  { calls: { label: string; value: number }[]; minutes: { label: string; value: number }[] } | undefined {
  const a = useGet<Analytics>(analyticsPath(chartDays, 'day'));
  if (!a.data) return undefined;
  const by = new Map(a.data.buckets.map((b) => [b.start, b]));
  const from = Date.parse(a.data.from);
  const days = Array.from({ length: chartDays }, (_, i) =>
    new Date(from + i * 86_400_000).toISOString().slice(0, 10),
  );
  return {
    calls: days.map((label) => ({ label, value: by.get(label)?.calls ?? 0 })),
    minutes: days.map((label) => ({ label, value: by.get(label)?.minutes ?? 0 })),
  };
}

export function PlanPage(): JSX.Element {
  const plans = useGet<ResponseOf<'getBusinessPlans'>>('/business/plans');
  const usage = useGet<ResponseOf<'getBusinessUsage'>>('/business/usage?history=12');
  const notices = useGet<ResponseOf<'getBusinessNotices'>>('/business/notices?limit=5');
  const invoices = useGet<ResponseOf<'getBusinessInvoices'>>('/business/invoices?limit=24');
  const daily = useDailyCalls();
  const sub = useAction(async (planId: string) => {
    // The plan ids come from GET /business/plans, which lists exactly the plans one may choose.
    const body = { planId } as BodyOf<'postBusinessSubscribe'>;
    await api<Subscription>('POST', '/business/subscribe', body);
    announce(`Subscribed to ${planId}`);
    plans.reload();
    usage.reload();
  });
  const cancel = useAction(async (resume: boolean) => {
    if (!resume && !confirm('Cancel the plan at the end of this period?')) return;
    await api('POST', resume ? '/business/subscription/resume' : '/business/subscription/cancel');
    announce(resume ? 'Plan resumed' : 'Plan will end with this period');
    plans.reload();
  });
  const cur = usage.data?.current;
  return (
    <Page title="Plan and usage">
      {(notices.data?.items ?? []).map((n) => (
        <p key={n.id} class={`notice ${n.thresholdPct >= 100 ? 'error' : 'warning'}`} role="status">
          {n.message} <small class="muted">({show(n.createdAt)})</small>
        </p>
      ))}
      <Async state={plans}>
        {(d) => (
          <section aria-labelledby="plans-h">
            <h2 id="plans-h">Plan</h2>
            {d.current ? (
              <p>
                Current plan:{' '}
                <strong>{d.plans.find((p) => p.id === d.current?.planId)?.name ?? d.current.planId}</strong>{' '}
                <Badge value={d.current.status} /> · period {fmtDate(d.current.periodStart)} –{' '}
                {fmtDate(d.current.periodEnd)}
                {d.current.cancelAtPeriodEnd && <strong class="warn"> · ends with this period</strong>}{' '}
                <button
                  type="button"
                  class="link"
                  disabled={cancel.busy}
                  onClick={() => void cancel.run(d.current?.cancelAtPeriodEnd ?? false)}
                >
                  {d.current.cancelAtPeriodEnd ? 'Resume plan' : 'Cancel at period end'}
                </button>
              </p>
            ) : (
              <p class="notice warning">No active plan: calls are not answered until you subscribe.</p>
            )}
            <div class="plans">
              {d.plans.map((p) => (
                <div key={p.id} class={`card plan${d.current?.planId === p.id ? ' current' : ''}`}>
                  <h3>{p.name}</h3>
                  <p class="price">{fmtMoney(p.monthlyFeeCents)} / month</p>
                  <p>{p.includedCalls === null ? 'Unlimited calls' : `${p.includedCalls} calls included`}</p>
                  <p>{fmtMoney(p.perCallCents)} per extra call</p>
                  <button
                    type="button"
                    disabled={sub.busy || d.current?.planId === p.id}
                    onClick={() => void sub.run(p.id)}
                    aria-label={
                      d.current?.planId === p.id ? `${p.name}: current plan` : `Choose the ${p.name} plan`
                    }
                  >
                    {d.current?.planId === p.id ? 'Current plan' : 'Choose'}
                  </button>
                </div>
              ))}
            </div>
            <ErrorNotice error={sub.error ?? cancel.error} />
          </section>
        )}
      </Async>
      <section aria-labelledby="usage-h">
        <h2 id="usage-h">Usage this period</h2>
        <Async state={usage}>
          {() =>
            cur ? (
              <dl class="facts card">
                <dt>Calls</dt>
                <dd>
                  {cur.calls} {cur.callLimit === null ? '(unlimited)' : `of ${cur.callLimit} included`}
                  {cur.callsPct !== null && (
                    <>
                      {' '}
                      <meter
                        min={0}
                        max={100}
                        low={80}
                        high={99}
                        optimum={0}
                        value={Math.min(100, cur.callsPct)}
                        aria-label="Share of included calls used"
                      />{' '}
                      {Math.round(cur.callsPct)}%
                    </>
                  )}
                </dd>
                <dt>Minutes</dt>
                <dd>{cur.callMinutes.toFixed(1)}</dd>
                <dt>Charged per call</dt>
                <dd>
                  {cur.meteredCalls} calls, {fmtMoney(cur.meteredCents)}
                </dd>
                <dt>API requests</dt>
                <dd>{cur.apiRequests}</dd>
                <dt>Knowledge stored</dt>
                <dd>{(cur.knowledgeBytes / 1024 / 1024).toFixed(1)} MiB</dd>
              </dl>
            ) : (
              <p class="muted">No usage period open (no active plan).</p>
            )
          }
        </Async>
        <div class="charts">
          <BarChart
            title={`Calls per day (last ${chartDays} days)`}
            unit="calls"
            points={daily?.calls ?? []}
          />
          <BarChart
            title={`Call minutes per day (last ${chartDays} days)`}
            unit="minutes"
            points={daily?.minutes ?? []}
          />
        </div>
      </section>
      <section aria-labelledby="inv-h">
        <h2 id="inv-h">Statements</h2>
        <Async state={invoices}>
          {(d) => (
            <Table<Invoice>
              caption="Statements"
              rows={d.items}
              empty="No statements yet."
              columns={[
                field('Number', 'number'),
                { label: 'Period', render: (r) => `${show(r.periodStart)} – ${show(r.periodEnd)}` },
                { label: 'Status', render: (r) => <Badge value={r.status} /> },
                { label: 'Total', render: (r) => (r.totalCents === null ? 'open' : fmtMoney(r.totalCents)) },
              ]}
            />
          )}
        </Async>
        {usage.data && usage.data.history.length > 0 && (
          <Table<UsagePeriod>
            caption="Previous periods"
            rows={usage.data.history}
            empty=""
            columns={[
              { label: 'Period', render: (r) => `${show(r.periodStart)} – ${show(r.periodEnd)}` },
              field('Plan', 'planId'),
              field('Calls', 'calls'),
              field('Minutes', 'callMinutes'),
            ]}
          />
        )}
      </section>
    </Page>
  );
}
