import { Fragment, type JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, blobUrl } from '../api/client';
import type {
  Agent,
  BodyOf,
  Conversation,
  ConversationDetail,
  LiveCall,
  ResponseOf,
  Turn,
} from '../api/types';
import { Link } from '../router';
import { ErrorNotice } from '../ui/errors';
import { Field, Form, Select } from '../ui/form';
import { useAction, useGet } from '../ui/hooks';
import { announce } from '../ui/live';
import { show } from '../ui/format';
import { Async, Badge, Page } from '../ui/page';
import { field, Table } from '../ui/table';

/** Past conversations (calls and chats), filterable, each with its transcript. */
export function ConversationsPage(): JSX.Element {
  const agents = useGet<ResponseOf<'getAgents'>>('/agents?limit=200');
  const [agentId, setAgentId] = useState('');
  const [channel, setChannel] = useState('');
  const [q, setQ] = useState('');
  const params = new URLSearchParams({ limit: '100' });
  if (agentId) params.set('agentId', agentId);
  if (channel) params.set('channel', channel);
  const list = useGet<ResponseOf<'getConversations'>>(`/conversations?${params.toString()}`);
  const names = new Map((agents.data?.items ?? []).map((a) => [a.id, a.name]));
  const needle = q.trim().toLowerCase();
  const rows = (list.data?.items ?? []).filter(
    (r) => !needle || JSON.stringify(r).toLowerCase().includes(needle),
  );
  return (
    <Page title="Conversations">
      <div class="filters card" role="search" aria-label="Filter conversations">
        <Select
          label="Agent"
          value={agentId}
          options={[
            { value: '', label: 'All agents' },
            ...(agents.data?.items ?? []).map((a) => ({ value: a.id, label: a.name })),
          ]}
          onValue={setAgentId}
        />
        <Select
          label="Channel"
          value={channel}
          options={[
            { value: '', label: 'All' },
            { value: 'voice', label: 'Phone calls' },
            { value: 'webrtc', label: 'Browser calls' },
            { value: 'text', label: 'Text chat' },
          ]}
          onValue={setChannel}
        />
        <Field label="Contains" type="search" value={q} onValue={setQ} />
      </div>
      <Async state={list}>
        {() => (
          <Table<Conversation>
            caption="Conversations"
            rows={rows}
            empty="No conversations match."
            columns={[
              {
                label: 'Started',
                render: (r) => <Link href={`/conversations/${r.id}`}>{show(r.startedAt)}</Link>,
              },
              { label: 'Agent', render: (r) => agentName(names, r.agentId) },
              field('Channel', 'channel'),
              field('Caller', 'caller'),
              field('Turns', 'turnCount'),
              { label: 'Status', render: (r) => <Badge value={show(r.status)} /> },
            ]}
          />
        )}
      </Async>
    </Page>
  );
}

export function ConversationPage({ id }: { id: string }): JSX.Element {
  const conv = useGet<ConversationDetail>(`/conversations/${id}`);
  return (
    <Page title="Conversation">
      <Async state={conv}>
        {(c) => {
          const turns = c.turns;
          return (
            <>
              <dl class="facts card">
                <dt>Started</dt>
                <dd>{show(c.startedAt)}</dd>
                <dt>Ended</dt>
                <dd>{show(c.endedAt)}</dd>
                <dt>Channel</dt>
                <dd>{show(c.channel)}</dd>
                <dt>Caller</dt>
                <dd>{show(c.caller)}</dd>
                <dt>Agent</dt>
                <dd>{c.agentId !== null ? <Link href={`/agents/${c.agentId}`}>{c.agentId}</Link> : '—'}</dd>
              </dl>
              {c.postCall && (
                <section class="card" aria-labelledby="post-call-h">
                  <h2 id="post-call-h">After the call</h2>
                  <dl class="facts">
                    <dt>Outcome</dt>
                    <dd>
                      <Badge value={c.postCall.outcome} />
                    </dd>
                    <dt>Summary</dt>
                    <dd>{c.postCall.summary}</dd>
                    <dt>Caller sentiment</dt>
                    <dd>{c.postCall.sentiment}</dd>
                    {Object.entries(c.postCall.fields).map(([name, value]) => (
                      <Fragment key={name}>
                        <dt>{name.replace(/_/g, ' ')}</dt>
                        <dd>{value === null ? '—' : String(value)}</dd>
                      </Fragment>
                    ))}
                  </dl>
                </section>
              )}
              {(c.channel === 'voice' || c.channel === 'webrtc') && (
                <RecordingFor conversationId={id} agentId={c.agentId} startedAt={c.startedAt} />
              )}
              <h2>Transcript</h2>
              {turns.length === 0 ? (
                <p class="muted">No turns recorded.</p>
              ) : (
                <ol class="transcript" aria-label="Transcript">
                  {turns.map((t) => {
                    const latency = latencyText(t.latency);
                    return (
                      <li key={t.id} class={`bubble ${t.speaker}`}>
                        <strong>{t.speaker}:</strong> {show(t.text)}
                        <small class="muted">
                          {' '}
                          {show(t.startedAt)}
                          {latency && ` · ${latency}`}
                        </small>
                      </li>
                    );
                  })}
                </ol>
              )}
            </>
          );
        }}
      </Async>
    </Page>
  );
}

const latencyLabels: Record<string, string> = {
  voiceToVoiceMs: 'voice-to-voice',
  endpointingMs: 'end-of-speech',
  sttMs: 'STT',
  agentMs: 'agent',
  firstSentenceMs: 'first sentence',
  ttsFirstAudioMs: 'TTS first audio',
};

/** A turn's latency breakdown (ms per stage) as text; null when none was measured. */
function latencyText(v: Turn['latency']): string | null {
  if (!v) return null;
  const parts = Object.entries(v)
    .filter((e): e is [string, number] => typeof e[1] === 'number')
    .map(([k, ms]) => `${latencyLabels[k] ?? k} ${Math.round(ms)} ms`);
  return parts.length ? parts.join(', ') : null;
}

/** An agent's name, or its id when the agent is gone. */
const agentName = (names: Map<string, string>, id: string | null): string =>
  (id !== null ? names.get(id) : undefined) ?? show(id);

/**
 * Finds the call recording of a conversation (the recordings list filters by agent and time, so
 * look in the hour around the start) and plays it.
 */
function RecordingFor({
  conversationId,
  agentId,
  startedAt,
}: {
  conversationId: string;
  agentId: string | null;
  startedAt: string;
}): JSX.Element | null {
  const q = new URLSearchParams({ limit: '200' });
  if (agentId) q.set('agentId', agentId);
  const t0 = Date.parse(startedAt);
  if (Number.isFinite(t0)) {
    q.set('from', new Date(t0 - 60_000).toISOString());
    q.set('to', new Date(t0 + 6 * 3_600_000).toISOString());
  }
  const list = useGet<ResponseOf<'getVoiceRecordings'>>(`/voice/recordings?${q.toString()}`);
  if (list.error) return <ErrorNotice error={list.error} />;
  if (!list.data) return null;
  const rec = list.data.items.find((r) => r.conversationId === conversationId);
  if (!rec) return <p class="muted">No recording for this call (recording may be off).</p>;
  return <Recording id={rec.id} />;
}

/** Plays a recording fetched with the bearer token (an <audio src> cannot send the header). */
function Recording({ id }: { id: string }): JSX.Element {
  const [src, setSrc] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  useEffect(() => {
    let url: string | undefined;
    let cancelled = false;
    blobUrl(`/voice/recordings/${id}/audio`).then(
      (u) => {
        if (cancelled) URL.revokeObjectURL(u);
        else setSrc((url = u));
      },
      (e: unknown) => !cancelled && setError(e),
    );
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [id]);
  return (
    <section class="card" aria-labelledby="rec-h">
      <h2 id="rec-h">Recording</h2>
      <ErrorNotice error={error} />
      {src ? (
        <audio controls src={src} aria-label="Call recording" />
      ) : (
        !error && <p class="muted">Loading…</p>
      )}
    </section>
  );
}

/** Calls in progress now, refreshed every 2 s. */
export function LiveCallsPage(): JSX.Element {
  const calls = useGet<ResponseOf<'getVoiceCalls'>>('/voice/calls', 2000);
  const agents = useGet<ResponseOf<'getAgents'>>('/agents?limit=200');
  const names = new Map((agents.data?.items ?? []).map((a) => [a.id, a.name]));
  return (
    <Page title="Live calls">
      <Async state={calls}>
        {(d) => (
          <div aria-live="polite">
            <p>
              <strong>{d.items.length}</strong> call(s) in progress.
            </p>
            <Table<LiveCall>
              caption="Live calls"
              rows={d.items}
              empty="Nobody is on the phone right now."
              columns={[
                field('Caller', 'caller'),
                field('Direction', 'direction'),
                { label: 'Agent', render: (r) => agentName(names, r.agentId) },
                { label: 'State', render: (r) => <Badge value={r.state} /> },
                field('Since', 'startedAt'),
                {
                  label: 'Transcript',
                  render: (r) =>
                    r.conversationId !== null ? (
                      <Link href={`/conversations/${r.conversationId}`}>Open</Link>
                    ) : (
                      '—'
                    ),
                },
              ]}
            />
          </div>
        )}
      </Async>
      <TestCall agents={agents.data?.items ?? []} />
    </Page>
  );
}

/** Has the appliance place a call through the trunk and run an agent on it. */
function TestCall({ agents }: { agents: Agent[] }): JSX.Element | null {
  const [agentId, setAgentId] = useState('');
  const [target, setTarget] = useState('');
  const call = useAction(async () => {
    const body: BodyOf<'postVoiceTestCall'> = { agentId: agentId || (agents[0]?.id ?? ''), target };
    await api<ResponseOf<'postVoiceTestCall'>>('POST', '/voice/test-call', body);
    announce('Test call started');
  });
  if (agents.length === 0) return null;
  const e = call.error instanceof ApiError ? call.error.fields : {};
  return (
    <Form onSubmit={call.run} label="Place a test call" class="card inline-form">
      <Select
        label="Agent"
        value={agentId || (agents[0]?.id ?? '')}
        options={agents.map((a) => ({ value: a.id, label: a.name }))}
        onValue={setAgentId}
      />
      <Field
        label="Call number or SIP URI"
        value={target}
        onValue={setTarget}
        error={e.target}
        hint="The appliance calls out through the trunk"
      />
      <button type="submit" disabled={call.busy || !target.trim()}>
        Place test call
      </button>
      <ErrorNotice error={call.error} />
    </Form>
  );
}
