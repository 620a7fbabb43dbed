import type { JSX } from 'preact';
import { api, blobUrl } from '../api/client';
import {
  campaignOutcomes,
  type Campaign,
  type CampaignNumber,
  type CampaignReport,
  type CampaignStatus,
  type ResponseOf,
} from '../api/types';
import { Link } from '../router';
import { ErrorNotice } from '../ui/errors';
import { useAction, useGet } from '../ui/hooks';
import { announce } from '../ui/live';
import { Async, Badge, fmtDate, Page } from '../ui/page';
import { Table } from '../ui/table';
import { CampaignStatusBadge } from './campaigns';

type Action = 'start' | 'pause' | 'resume' | 'cancel';
const actionLabels: Record<Action, string> = {
  start: 'Start',
  pause: 'Pause',
  resume: 'Resume',
  cancel: 'Cancel campaign',
};
/** The actions each state allows (appliance/campaigns/state-machine.ts); the rest are disabled. */
const legal: Record<CampaignStatus, readonly Action[]> = {
  draft: ['start', 'cancel'],
  running: ['pause', 'cancel'],
  paused: ['resume', 'cancel'],
  completed: [],
  cancelled: [],
};
const pastTense: Record<Action, string> = {
  start: 'started',
  pause: 'paused',
  resume: 'resumed',
  cancel: 'cancelled',
};

/** While calls may be placed the figures change on their own: refetched this often, ms. */
const livePollMs = 5000;
/** Per-number rows shown (the API's page limit); the CSV has them all. */
const numbersShown = 500;

const pct = (v: number | null): string => (v === null ? '—' : `${Math.round(v * 100)}%`);

function ReportTiles({ r }: { r: CampaignReport }): JSX.Element {
  return (
    <>
      <div class="tiles">
        <div class="card tile">
          <span class="big">{r.numbers}</span>
          <span>numbers ({r.dialed} dialed)</span>
        </div>
        <div class="card tile">
          <span class="big">{r.attempts}</span>
          <span>call attempts</span>
        </div>
        <div class="card tile">
          <span class="big">{pct(r.answerRate)}</span>
          <span>answer rate</span>
        </div>
        <div class="card tile">
          <span class="big">{pct(r.voicemailRate)}</span>
          <span>voicemail rate</span>
        </div>
        <div class="card tile">
          <span class="big">{Math.round(r.minutes * 10) / 10}</span>
          <span>minutes talked</span>
        </div>
      </div>
      <Table
        caption="Numbers by outcome"
        rows={campaignOutcomes.map((o) => ({ outcome: o, n: r.byOutcome[o] ?? 0 }))}
        empty=""
        columns={[
          { label: 'Outcome', render: (x) => x.outcome.replace(/-/g, ' ') },
          { label: 'Numbers', render: (x) => String(x.n) },
        ]}
      />
    </>
  );
}

/** One campaign: its state and actions, the report, per-number results and the CSV download. */
export function CampaignPage({ id }: { id: string }): JSX.Element {
  const campaign = useGet<Campaign>(`/campaigns/${id}`);
  const live = campaign.data?.status === 'running' ? livePollMs : undefined;
  const report = useGet<CampaignReport>(`/campaigns/${id}/report`, live);
  const numbers = useGet<ResponseOf<'getCampaignsIdNumbers'>>(
    `/campaigns/${id}/numbers?limit=${numbersShown}`,
    live,
  );
  const act = useAction(async (action: Action) => {
    if (action === 'cancel' && !confirm('Cancel this campaign? Numbers not yet called will not be.')) return;
    const c = await api<Campaign>('POST', `/campaigns/${id}/${action}`);
    announce(`Campaign ${pastTense[action]}: now ${c.status}`);
    campaign.reload();
    report.reload();
    numbers.reload();
  });
  const csv = useAction(async () => {
    const url = await blobUrl(`/campaigns/${id}/report?format=csv`);
    const a = document.createElement('a');
    a.href = url;
    a.download = `campaign-${id}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
  const title = campaign.data ? `Campaign: ${campaign.data.name}` : 'Campaign';
  return (
    <Page
      title={title}
      actions={
        <button type="button" onClick={() => void csv.run()} disabled={csv.busy}>
          Download CSV
        </button>
      }
    >
      <p>
        <Link href="/campaigns">All campaigns</Link>
      </p>
      <ErrorNotice error={csv.error} />
      <Async state={campaign}>
        {(c) => (
          <div class="card">
            <p>
              Status: <CampaignStatusBadge c={c} />
            </p>
            <p class="muted">
              {c.timeZone} · {c.windows.map((w) => `${w.days.join(', ')} ${w.from}–${w.to}`).join('; ')} ·{' '}
              {c.concurrency} at once · up to {c.maxAttempts} attempts, retry after{' '}
              {Math.round(c.retryBackoffS / 60)} min · answering-machine detection {c.amd ? 'on' : 'off'}
              {c.voicemailMessage ? ' · leaves a voicemail' : ''}
            </p>
            <p class="muted">
              Created {fmtDate(c.createdAt)} · started {fmtDate(c.startedAt)} · ended {fmtDate(c.endedAt)}
            </p>
            <div class="form-actions" role="group" aria-label="Campaign actions">
              {(Object.keys(actionLabels) as Action[]).map((a) => (
                <button
                  key={a}
                  type="button"
                  class={a === 'cancel' ? 'danger' : legal[c.status][0] === a ? 'primary' : undefined}
                  disabled={act.busy || !legal[c.status].includes(a)}
                  onClick={() => void act.run(a)}
                >
                  {actionLabels[a]}
                </button>
              ))}
            </div>
            <ErrorNotice error={act.error} />
          </div>
        )}
      </Async>
      <h2>Report</h2>
      <Async state={report}>{(r) => <ReportTiles r={r} />}</Async>
      <h2>Numbers</h2>
      <Async state={numbers}>
        {(d) => (
          <>
            {d.total > d.items.length && (
              <p class="muted">
                The first {d.items.length} of {d.total}; the CSV download has them all.
              </p>
            )}
            <Table<CampaignNumber>
              caption="Per-number results"
              rows={d.items}
              empty="No numbers in this campaign."
              columns={[
                { label: 'Number', render: (n) => n.number },
                { label: 'Name', render: (n) => n.name ?? '—' },
                { label: 'Status', render: (n) => <Badge value={n.status} /> },
                { label: 'Attempts', render: (n) => String(n.attempts) },
                { label: 'Outcome', render: (n) => n.outcome?.replace(/-/g, ' ') ?? '—' },
                { label: 'Last reason', render: (n) => n.lastReason ?? '—' },
                { label: 'Next attempt', render: (n) => fmtDate(n.nextAttemptAt) },
              ]}
            />
          </>
        )}
      </Async>
    </Page>
  );
}
