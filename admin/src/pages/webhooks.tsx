import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import type { BodyOf, Delivery, ResponseOf, Webhook, WebhookEvent } from '../api/types';
import { ErrorNotice } from '../ui/errors';
import { Field, Form } from '../ui/form';
import { useAction, useGet } from '../ui/hooks';
import { announce } from '../ui/live';
import { Async, Badge, Page } from '../ui/page';
import { field, Table } from '../ui/table';

const webhookEvents: readonly WebhookEvent[] = [
  'call.started',
  'call.ended',
  'transcript.ready',
  'recording.ready',
  'message.taken',
  'knowledge.ready',
  'knowledge.failed',
  'usage.threshold',
  'campaign.started',
  'campaign.paused',
  'campaign.number.completed',
  'campaign.completed',
];

export function WebhooksPage(): JSX.Element {
  const hooks = useGet<ResponseOf<'getWebhooks'>>('/webhooks');
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>(['call.ended', 'transcript.ready']);
  const [selected, setSelected] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const create = useAction(async () => {
    const body: BodyOf<'postWebhooks'> = { url, events };
    const r = await api<ResponseOf<'postWebhooks'>>('POST', '/webhooks', body);
    setSecret(r.secret);
    setUrl('');
    announce('Webhook added');
    hooks.reload();
  });
  const del = useAction(async (id: string) => {
    if (!confirm('Delete this webhook?')) return;
    await api('DELETE', `/webhooks/${id}`);
    announce('Webhook deleted');
    hooks.reload();
  });
  const test = useAction(async (id: string) => {
    await api('POST', `/webhooks/${id}/test`);
    announce('Test event queued');
    setSelected(id);
  });
  const e = create.error instanceof ApiError ? create.error.fields : {};
  return (
    <Page title="Webhooks">
      <Form onSubmit={create.run} label="Add a webhook" class="card">
        <div class="grid2">
          <Field label="Endpoint URL" type="url" required value={url} onValue={setUrl} error={e.url} />
        </div>
        <fieldset>
          <legend>Events</legend>
          <div class="days">
            {webhookEvents.map((ev) => (
              <label key={ev} class="day">
                <input
                  type="checkbox"
                  checked={events.includes(ev)}
                  onChange={(x) =>
                    setEvents(x.currentTarget.checked ? [...events, ev] : events.filter((y) => y !== ev))
                  }
                />
                {ev}
              </label>
            ))}
          </div>
          {(e.events ?? e['events.0']) && <small class="field-error">{e.events ?? e['events.0']}</small>}
        </fieldset>
        <ErrorNotice error={create.error} />
        <button type="submit" class="primary" disabled={create.busy || !url.trim()}>
          Add webhook
        </button>
        {secret && (
          <p class="notice info" role="status">
            Signing secret (shown once): <code class="secret">{secret}</code>
          </p>
        )}
      </Form>
      <ErrorNotice error={del.error ?? test.error} />
      <Async state={hooks}>
        {(d) => (
          <Table<Webhook>
            caption="Webhooks"
            rows={d.items}
            empty="No webhooks."
            columns={[
              field('URL', 'url'),
              field('Events', 'events'),
              field('Enabled', 'enabled'),
              {
                label: 'Actions',
                render: (r) => (
                  <span class="row-actions">
                    <button type="button" class="link" onClick={() => setSelected(r.id)}>
                      Deliveries
                    </button>
                    <button type="button" class="link" onClick={() => void test.run(r.id)}>
                      Send test
                    </button>
                    <button type="button" class="link danger" onClick={() => void del.run(r.id)}>
                      Delete
                    </button>
                  </span>
                ),
              },
            ]}
          />
        )}
      </Async>
      {selected && <Deliveries key={selected} id={selected} />}
    </Page>
  );
}

function Deliveries({ id }: { id: string }): JSX.Element {
  // Poll every 3 s: deliveries are retried in the background.
  const d = useGet<ResponseOf<'getWebhooksIdDeliveries'>>(`/webhooks/${id}/deliveries?limit=50`, 3000);
  return (
    <section aria-labelledby="deliv-h">
      <h2 id="deliv-h">Deliveries</h2>
      <Async state={d}>
        {(x) => (
          <Table<Delivery>
            caption="Deliveries"
            rows={x.items}
            empty="No deliveries yet."
            columns={[
              field('Event', 'eventType'),
              { label: 'Status', render: (r) => <Badge value={r.status} /> },
              field('HTTP', 'lastStatusCode'),
              field('Error', 'lastError'),
              field('Attempts', 'attempts'),
              field('When', 'createdAt'),
            ]}
          />
        )}
      </Async>
    </section>
  );
}
