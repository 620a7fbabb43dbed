import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import {
  weekdays,
  type Agent,
  type BodyOf,
  type Campaign,
  type CampaignUpload,
  type CampaignWindow,
  type DncEntry,
  type Page as ListPage,
  type ResponseOf,
} from '../api/types';
import { Link } from '../router';
import { ErrorNotice } from '../ui/errors';
import { Field, Form, Select, TextArea } from '../ui/form';
import { useAction, useGet } from '../ui/hooks';
import { announce } from '../ui/live';
import { Async, Badge, fmtDate, Page } from '../ui/page';
import { Table } from '../ui/table';

type Day = CampaignWindow['days'][number];
const dayNames: Record<Day, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

/** A campaign's status badge; a paused one says why (by a user, or by the plan's limit). */
export function CampaignStatusBadge({ c }: { c: Campaign }): JSX.Element {
  return (
    <>
      <Badge value={c.status} />
      {c.status === 'paused' && c.pauseReason && (
        <small class="muted"> ({c.pauseReason === 'plan-limit' ? 'plan limit reached' : 'by a user'})</small>
      )}
    </>
  );
}

/** What an upload came to: added, duplicates, do-not-call skips and the invalid rows with their lines. */
export function UploadFigures({ up }: { up: CampaignUpload }): JSX.Element {
  return (
    <div class="upload-figures" data-testid="upload-figures">
      <p>
        <strong>{up.added}</strong> added · <strong>{up.duplicates}</strong> duplicates ·{' '}
        <strong>{up.dncSkipped}</strong> on the do-not-call list (skipped) ·{' '}
        <strong>{up.invalidCount}</strong> invalid
      </p>
      {up.invalid.length > 0 && (
        <details open={up.invalid.length <= 10}>
          <summary>Invalid rows ({up.invalidCount})</summary>
          <ul>
            {up.invalid.map((r) => (
              <li key={r.line}>
                Line {r.line}: {r.value ? <code>{r.value}</code> : '(empty)'} — {r.reason.replace(/-/g, ' ')}
              </li>
            ))}
          </ul>
          {up.invalidCount > up.invalid.length && (
            <p class="muted">Only the first {up.invalid.length} are listed.</p>
          )}
        </details>
      )}
    </div>
  );
}

const browserTimeZone = (): string => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
};

/** The create form: settings, one calling window, and the list as a CSV file and/or typed numbers. */
function CreateCampaign({
  agents,
  onCreated,
}: {
  agents: Agent[];
  onCreated: (c: Campaign, up: CampaignUpload) => void;
}): JSX.Element {
  const [name, setName] = useState('');
  const [agentId, setAgentId] = useState('');
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const [days, setDays] = useState<Day[]>(['mon', 'tue', 'wed', 'thu', 'fri']);
  const [from, setFrom] = useState('09:00');
  const [to, setTo] = useState('17:00');
  const [concurrency, setConcurrency] = useState('1');
  const [maxAttempts, setMaxAttempts] = useState('3');
  // Minutes in the form; the API takes seconds (default 600 s = 10 min, doubled per attempt).
  const [backoffMin, setBackoffMin] = useState('10');
  const [voicemail, setVoicemail] = useState('');
  const [amd, setAmd] = useState(true);
  const [typed, setTyped] = useState('');
  const file = useRef<HTMLInputElement>(null);
  const chosenAgent = agentId || agents[0]?.id || '';

  const create = useAction(async () => {
    const csvFile = file.current?.files?.[0];
    const numbers = typed
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const body: BodyOf<'postCampaigns'> = {
      name,
      agentId: chosenAgent,
      timeZone: timeZone.trim(),
      windows: [{ days, from, to }],
      concurrency: Number(concurrency),
      maxAttempts: Number(maxAttempts),
      retryBackoffS: Math.round(Number(backoffMin) * 60),
      voicemailMessage: voicemail.trim() || null,
      amd,
      ...(numbers.length ? { numbers } : {}),
      // Read in the browser and sent as text: the create call takes the list with the settings.
      ...(csvFile ? { csv: await csvFile.text() } : {}),
    };
    const r = await api<ResponseOf<'postCampaigns'>>('POST', '/campaigns', body);
    announce(
      `Campaign ${r.campaign.name} created: ${r.upload.added} numbers added, ${r.upload.invalidCount} invalid`,
    );
    setName('');
    setTyped('');
    if (file.current) file.current.value = '';
    onCreated(r.campaign, r.upload);
  });
  const fields = create.error instanceof ApiError ? create.error.fields : {};

  return (
    <Form onSubmit={create.run} label="New campaign" class="card">
      <h2>New campaign</h2>
      <Field label="Campaign name" required value={name} onValue={setName} error={fields.name} />
      <Select
        label="Agent"
        value={chosenAgent}
        options={agents.map((a) => ({ value: a.id, label: a.name }))}
        onValue={setAgentId}
        error={fields.agentId}
      />
      <Field
        label="Time zone"
        value={timeZone}
        onValue={setTimeZone}
        error={fields.timeZone}
        hint="IANA name, e.g. Europe/Berlin; the calling window is in this zone."
      />
      <fieldset class="hours">
        <legend>Calling window</legend>
        <div class="days">
          {weekdays.map((d) => (
            <label key={d} class="day">
              <input
                type="checkbox"
                checked={days.includes(d)}
                onChange={(e) =>
                  setDays(
                    e.currentTarget.checked
                      ? weekdays.filter((x) => x === d || days.includes(x))
                      : days.filter((x) => x !== d),
                  )
                }
              />
              {dayNames[d]}
            </label>
          ))}
        </div>
        <label>
          From <input type="time" value={from} required onInput={(e) => setFrom(e.currentTarget.value)} />
        </label>
        <label>
          To <input type="time" value={to} required onInput={(e) => setTo(e.currentTarget.value)} />
        </label>
        {(fields['windows.0.days'] ?? fields['windows.0'] ?? fields['windows.0.from']) && (
          <small class="field-error" role="alert">
            {fields['windows.0.days'] ?? fields['windows.0'] ?? fields['windows.0.from']}
          </small>
        )}
      </fieldset>
      <div class="grid2">
        <Field
          label="Concurrent calls"
          type="number"
          min={1}
          value={concurrency}
          onValue={setConcurrency}
          error={fields.concurrency}
        />
        <Field
          label="Attempts per number"
          type="number"
          min={1}
          max={10}
          value={maxAttempts}
          onValue={setMaxAttempts}
          error={fields.maxAttempts}
        />
        <Field
          label="Retry after (minutes)"
          type="number"
          min={1}
          value={backoffMin}
          onValue={setBackoffMin}
          error={fields.retryBackoffS}
          hint="Wait before the second attempt; doubled for each further one."
        />
      </div>
      <TextArea
        label="Voicemail message (optional)"
        rows={2}
        maxLength={1000}
        value={voicemail}
        onValue={setVoicemail}
        error={fields.voicemailMessage}
        hint="Left after the beep when a machine answers; empty: hang up on machines."
      />
      <div class="field">
        <label>
          <input type="checkbox" checked={amd} onChange={(e) => setAmd(e.currentTarget.checked)} /> Detect
          answering machines
        </label>
      </div>
      <div class="field">
        <label for="campaign-csv">Numbers (CSV file)</label>
        <input id="campaign-csv" ref={file} type="file" accept=".csv,.txt,text/csv" />
        <small class="hint">A number (or phone) column, or the first one; an optional name column.</small>
      </div>
      <TextArea
        label="Numbers (one per line)"
        rows={3}
        value={typed}
        onValue={setTyped}
        error={fields.numbers ?? fields.csv}
      />
      <button type="submit" class="primary" disabled={create.busy || !name.trim() || !chosenAgent}>
        {create.busy ? 'Creating…' : 'Create campaign'}
      </button>
      <ErrorNotice error={create.error} />
    </Form>
  );
}

/** The do-not-call list: numbers no campaign dials (checked at upload and again before each call). */
function DoNotCall(): JSX.Element {
  const list = useGet<ResponseOf<'getDnc'>>('/dnc?limit=500');
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState<string[]>([]);
  const add = useAction(async () => {
    const numbers = text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const r = await api<ResponseOf<'postDnc'>>('POST', '/dnc', { numbers });
    setInvalid(r.invalid);
    announce(
      `${r.added} added to the do-not-call list${r.invalid.length ? `, ${r.invalid.length} invalid` : ''}`,
    );
    setText('');
    list.reload();
  });
  const remove = useAction(async (n: string) => {
    await api('DELETE', `/dnc/${encodeURIComponent(n)}`);
    announce(`${n} removed from the do-not-call list`);
    list.reload();
  });
  return (
    <section aria-labelledby="dnc-title">
      <h2 id="dnc-title">Do-not-call list</h2>
      <Form onSubmit={add.run} label="Add to the do-not-call list" class="card inline-form">
        <TextArea
          label="Numbers to block (one per line)"
          rows={2}
          value={text}
          onValue={setText}
          hint="Skipped by every campaign from now on, even one that is running."
        />
        <button type="submit" disabled={add.busy || !text.trim()}>
          Add to do-not-call list
        </button>
        <ErrorNotice error={add.error} />
        {invalid.length > 0 && (
          <p class="notice error" role="alert">
            Not numbers, not added: {invalid.join(', ')}
          </p>
        )}
      </Form>
      <ErrorNotice error={remove.error} />
      <Async state={list}>
        {(d) => (
          <Table<DncEntry>
            caption="Do-not-call list"
            rows={d.items}
            empty="No numbers on the do-not-call list."
            columns={[
              { label: 'Number', render: (r) => r.number },
              { label: 'Added', render: (r) => fmtDate(r.createdAt) },
              {
                label: 'Actions',
                render: (r) => (
                  <button
                    type="button"
                    class="link danger"
                    disabled={remove.busy}
                    aria-label={`Remove ${r.number}`}
                    onClick={() => void remove.run(r.number)}
                  >
                    Remove
                  </button>
                ),
              },
            ]}
          />
        )}
      </Async>
    </section>
  );
}

/** Outbound campaigns: the list, a create form with the number upload, and the do-not-call list. */
export function CampaignsPage(): JSX.Element {
  const agents = useGet<ListPage<Agent>>('/agents?limit=200');
  const list = useGet<ResponseOf<'getCampaigns'>>('/campaigns?limit=200');
  const [created, setCreated] = useState<{ c: Campaign; up: CampaignUpload } | null>(null);
  const agentName = (id: string): string => agents.data?.items.find((a) => a.id === id)?.name ?? id;
  return (
    <Page title="Campaigns">
      <Async state={agents}>
        {(a) =>
          a.items.length === 0 ? (
            <p class="muted">
              Create an <Link href="/agents">agent</Link> first: a campaign's calls are made by one.
            </p>
          ) : (
            <CreateCampaign
              agents={a.items}
              onCreated={(c, up) => {
                setCreated({ c, up });
                list.reload();
              }}
            />
          )
        }
      </Async>
      {created && (
        <div class="card notice info" aria-labelledby="created-title">
          <h2 id="created-title">Campaign {created.c.name} created</h2>
          <UploadFigures up={created.up} />
          <Link href={`/campaigns/${created.c.id}`}>Open {created.c.name}</Link>
        </div>
      )}
      <h2>Campaigns</h2>
      <Async state={list}>
        {(d) => (
          <Table<Campaign>
            caption="Campaigns"
            rows={d.items}
            empty="No campaigns yet. Create one above with a list of numbers to call."
            columns={[
              { label: 'Name', render: (c) => <Link href={`/campaigns/${c.id}`}>{c.name}</Link> },
              { label: 'Agent', render: (c) => agentName(c.agentId) },
              { label: 'Status', render: (c) => <CampaignStatusBadge c={c} /> },
              { label: 'Numbers', render: (c) => String(c.numbers) },
              { label: 'Created', render: (c) => fmtDate(c.createdAt) },
            ]}
          />
        )}
      </Async>
      <DoNotCall />
    </Page>
  );
}
