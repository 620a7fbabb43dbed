import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { blobUrl } from '../api/client';
import type { Agent, Page as ListPage, ResponseOf } from '../api/types';
import { Link } from '../router';
import { BarChart } from '../ui/chart';
import { ErrorNotice } from '../ui/errors';
import { Select } from '../ui/form';
import { useAction, useGet } from '../ui/hooks';
import { Async, Page } from '../ui/page';
import { Table } from '../ui/table';

export type Analytics = ResponseOf<'getAnalytics'>;

/** The analytics query for the last `days` days (UTC, whole days), computed by the server. */
export function analyticsPath(days: number, bucket: 'day' | 'week', agentId = '', format?: 'csv'): string {
  const to = new Date();
  to.setUTCHours(24, 0, 0, 0);
  const from = new Date(to.getTime() - days * 86_400_000);
  const q = new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), bucket });
  if (agentId) q.set('agentId', agentId);
  if (format) q.set('format', format);
  return `/analytics?${q.toString()}`;
}

const pct = (v: number | null): string => (v === null ? '—' : `${Math.round(v * 100)}%`);
const ms = (v: number | null): string => (v === null ? '—' : `${Math.round(v)} ms`);

/** Calls, containment, unanswered questions and latency over a range, from GET /analytics. */
export function InsightsPage(): JSX.Element {
  const agents = useGet<ListPage<Agent>>('/agents?limit=200');
  const [days, setDays] = useState<'7' | '30' | '90' | '365'>('30');
  const [bucket, setBucket] = useState<'day' | 'week'>('day');
  const [agentId, setAgentId] = useState('');
  const data = useGet<Analytics>(analyticsPath(Number(days), bucket, agentId));
  const csv = useAction(async () => {
    const url = await blobUrl(analyticsPath(Number(days), bucket, agentId, 'csv'));
    const a = document.createElement('a');
    a.href = url;
    a.download = `analytics-${days}d-${bucket}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
  const points = (d: Analytics, k: 'calls' | 'minutes' | 'unanswered' | 'p95Ms') =>
    d.buckets.map((b) => ({ label: b.start, value: b[k] ?? 0 }));
  return (
    <Page
      title="Insights"
      actions={
        <button type="button" onClick={() => void csv.run()} disabled={csv.busy}>
          Download CSV
        </button>
      }
    >
      <ErrorNotice error={csv.error} />
      <div class="filters card" role="search" aria-label="Filter">
        <Select
          label="Period"
          value={days}
          options={[
            { value: '7', label: 'Last 7 days' },
            { value: '30', label: 'Last 30 days' },
            { value: '90', label: 'Last 90 days' },
            { value: '365', label: 'Last 12 months' },
          ]}
          onValue={setDays}
        />
        <Select
          label="Per"
          value={bucket}
          options={[
            { value: 'day', label: 'Day' },
            { value: 'week', label: 'Week' },
          ]}
          onValue={setBucket}
        />
        <Select
          label="Agent"
          value={agentId}
          options={[
            { value: '', label: 'All agents' },
            ...(agents.data?.items ?? []).map((a) => ({ value: a.id, label: a.name })),
          ]}
          onValue={setAgentId}
        />
      </div>
      <Async state={data}>
        {(d) => (
          <>
            <div class="tiles">
              <div class="card tile">
                <span class="big">{d.totals.calls}</span>
                <span>calls ({d.totals.minutes} min)</span>
              </div>
              <div class="card tile">
                <span class="big">{pct(d.totals.containment)}</span>
                <span>handled without a human</span>
              </div>
              <div class="card tile">
                <span class="big">{d.totals.transfers}</span>
                <span>transfers · {d.totals.messages} messages</span>
              </div>
              <Link href="/gaps" class="card tile">
                <span class="big">{d.totals.unanswered}</span>
                <span>unanswered questions</span>
              </Link>
              <div class="card tile">
                <span class="big">{ms(d.totals.p50Ms)}</span>
                <span>voice-to-voice p50 (p95 {ms(d.totals.p95Ms)})</span>
              </div>
            </div>
            <div class="charts">
              <BarChart title={`Calls per ${bucket}`} unit="calls" points={points(d, 'calls')} />
              <BarChart title={`Call minutes per ${bucket}`} unit="minutes" points={points(d, 'minutes')} />
              <BarChart
                title={`Unanswered questions per ${bucket}`}
                unit="questions"
                points={points(d, 'unanswered')}
              />
              <BarChart title={`Voice-to-voice p95 per ${bucket}`} unit="ms" points={points(d, 'p95Ms')} />
              <BarChart
                title="Calls by hour of day (UTC)"
                unit="calls"
                points={d.busiestHours.map((h) => ({
                  label: `${String(h.hour).padStart(2, '0')}:00`,
                  value: h.calls,
                }))}
                tick={(l) => l.slice(0, 2)}
              />
            </div>
            <h2>Top intents</h2>
            <Table
              caption="Top intents"
              rows={d.topIntents}
              empty="No agent turns in this period."
              columns={[
                { label: 'Intent', render: (r) => r.intent.replace(/_/g, ' ') },
                { label: 'Turns', render: (r) => String(r.count) },
              ]}
            />
          </>
        )}
      </Async>
    </Page>
  );
}
