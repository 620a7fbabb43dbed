import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import type { Agent, Page as ListPage } from '../api/types';
import { Link, navigate } from '../router';
import { ErrorNotice } from '../ui/errors';
import { Field, Form } from '../ui/form';
import { useAction, useGet } from '../ui/hooks';
import { announce } from '../ui/live';
import { Async, Badge, fmtDate, Page } from '../ui/page';

export function AgentsPage(): JSX.Element {
  const list = useGet<ListPage<Agent>>('/agents?limit=200');
  const [name, setName] = useState('');
  const create = useAction(async () => {
    const a = await api<Agent>('POST', '/agents', { name });
    announce(`Agent ${a.name} created`);
    navigate(`/agents/${a.id}`);
  });
  return (
    <Page title="Agents">
      <Form onSubmit={create.run} label="New agent" class="card inline-form">
        <Field
          label="New agent name"
          required
          value={name}
          onValue={setName}
          error={create.error instanceof ApiError ? create.error.fields.name : undefined}
        />
        <button type="submit" class="primary" disabled={create.busy || !name.trim()}>
          Create agent
        </button>
        <ErrorNotice error={create.error} />
      </Form>
      <Async state={list}>
        {(d) =>
          d.items.length === 0 ? (
            <p class="muted">No agents yet. Create one above to answer your calls.</p>
          ) : (
            <table class="table">
              <caption class="sr-only">Agents</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Status</th>
                  <th scope="col">Numbers</th>
                  <th scope="col">Updated</th>
                  <th scope="col">
                    <span class="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.items.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link href={`/agents/${a.id}`}>{a.name}</Link>
                    </td>
                    <td>
                      <Badge value={a.status} />
                    </td>
                    <td>{a.numbers.join(', ') || '—'}</td>
                    <td>{fmtDate(a.updatedAt)}</td>
                    <td>
                      <Link href={`/chat/${a.id}`}>Chat</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Async>
    </Page>
  );
}
