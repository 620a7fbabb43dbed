import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import type { Agent, Page as ListPage, ResponseOf } from '../api/types';
import { ErrorNotice } from '../ui/errors';
import { Form, Select, TextArea } from '../ui/form';
import { useAction, useGet } from '../ui/hooks';
import { announce } from '../ui/live';
import { Async, Badge, fmtDate, Page } from '../ui/page';

type GapList = ResponseOf<'getGaps'>;
type Gap = GapList['items'][number];

/** One open gap's "add an answer": the answer becomes an FAQ of the agent, which is retrained. */
function AnswerForm({ gap, onDone }: { gap: Gap; onDone: () => void }): JSX.Element {
  const [answer, setAnswer] = useState('');
  const save = useAction(async () => {
    await api('POST', `/gaps/${gap.id}/answer`, { answer });
    announce('Answer added; the agent is retraining');
    setAnswer('');
    onDone();
  });
  return (
    <Form onSubmit={save.run} label={`Answer: ${gap.question}`} class="inline-form">
      <TextArea
        label="Add an answer"
        required
        rows={2}
        value={answer}
        onValue={setAnswer}
        maxLength={2000}
        error={save.error instanceof ApiError ? save.error.fields.answer : undefined}
        hint="Becomes an FAQ of the agent; the agent is retrained."
      />
      <button type="submit" class="primary" disabled={save.busy || !answer.trim()}>
        Add answer
      </button>
      <ErrorNotice error={save.error} />
    </Form>
  );
}

/** What callers asked that the agents could not answer, most asked first, each with "add an answer". */
export function GapsPage(): JSX.Element {
  const agents = useGet<ListPage<Agent>>('/agents?limit=200');
  const [agentId, setAgentId] = useState('');
  const [status, setStatus] = useState<'open' | 'closed' | ''>('open');
  const q = new URLSearchParams({ limit: '200' });
  if (agentId) q.set('agentId', agentId);
  if (status) q.set('status', status);
  const gaps = useGet<GapList>(`/gaps?${q.toString()}`);
  const agentName = (id: string): string => agents.data?.items.find((a) => a.id === id)?.name ?? id;
  return (
    <Page title="Knowledge gaps">
      <div class="filters card" role="search" aria-label="Filter">
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
          label="Status"
          value={status}
          options={[
            { value: 'open', label: 'Open' },
            { value: 'closed', label: 'Answered' },
            { value: '', label: 'All' },
          ]}
          onValue={setStatus}
        />
      </div>
      <Async state={gaps}>
        {(d) => (
          <>
            <p>
              <strong>{d.open}</strong> open, <strong>{d.closed}</strong> closed by adding an answer.
            </p>
            {d.items.length === 0 ? (
              <p class="muted">
                No questions here. Questions the agent could not answer appear as callers ask them.
              </p>
            ) : (
              <ul class="gap-list">
                {d.items.map((g) => (
                  <li key={g.id} class="card">
                    <h2 class="gap-question">
                      “{g.question}” <Badge value={g.status} />
                    </h2>
                    <p class="muted">
                      Asked {g.count} {g.count === 1 ? 'time' : 'times'} · {agentName(g.agentId)} · first{' '}
                      {fmtDate(g.firstSeen)} · last {fmtDate(g.lastSeen)}
                    </p>
                    {g.examples.length > 1 && (
                      <details>
                        <summary>How callers put it ({g.examples.length})</summary>
                        <ul>
                          {g.examples.map((e) => (
                            <li key={e}>{e}</li>
                          ))}
                        </ul>
                      </details>
                    )}
                    {g.status === 'open' ? (
                      <AnswerForm gap={g} onDone={gaps.reload} />
                    ) : (
                      <p>
                        Answered {fmtDate(g.closedAt)}: {g.answer}
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Async>
    </Page>
  );
}
