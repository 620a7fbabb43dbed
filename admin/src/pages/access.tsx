import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import { getSession } from '../api/session';
import { type ApiKey, type AuditEntry, type Role, roles, type User } from '../api/types';
import { ErrorNotice } from '../ui/errors';
import { Field, Form, Select } from '../ui/form';
import { useAction, useGet } from '../ui/hooks';
import { announce } from '../ui/live';
import { Async, Badge, fmtDate, Page } from '../ui/page';

/** Shows a new secret once, with a copy button; it cannot be fetched again. */
function OnceSecret({
  label,
  value,
  onDone,
}: {
  label: string;
  value: string;
  onDone: () => void;
}): JSX.Element {
  return (
    <div class="notice info" role="status">
      <p>{label} Copy it now: it is shown only once.</p>
      <code class="secret" data-testid="new-secret">
        {value}
      </code>{' '}
      <button
        type="button"
        onClick={() => void navigator.clipboard?.writeText(value).then(() => announce('Copied'))}
      >
        Copy
      </button>{' '}
      <button type="button" onClick={onDone}>
        Done
      </button>
    </div>
  );
}

export function ApiKeysPage(): JSX.Element {
  const keys = useGet<{ items: ApiKey[] }>('/api-keys');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [days, setDays] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const create = useAction(async () => {
    const r = await api<{ key: string; apiKey: ApiKey }>('POST', '/api-keys', {
      name,
      role,
      ...(days ? { expiresInDays: Number(days) } : {}),
    });
    setSecret(r.key);
    setName('');
    announce('API key created');
    keys.reload();
  });
  const revoke = useAction(async (k: ApiKey) => {
    if (!confirm(`Revoke ${k.name}? Programs using it stop working at once.`)) return;
    await api('DELETE', `/api-keys/${k.id}`);
    announce(`${k.name} revoked`);
    keys.reload();
  });
  const rotate = useAction(async (k: ApiKey) => {
    const r = await api<{ key: string }>('POST', `/api-keys/${k.id}/rotate`);
    setSecret(r.key);
    announce(`${k.name} rotated`);
    keys.reload();
  });
  const e = create.error instanceof ApiError ? create.error.fields : {};
  return (
    <Page title="API keys">
      {secret && <OnceSecret label="New API key." value={secret} onDone={() => setSecret(null)} />}
      <Form onSubmit={create.run} label="Create an API key" class="card inline-form">
        <Field label="Key name" required value={name} onValue={setName} error={e.name} />
        <Select label="Role" value={role} options={roles} onValue={setRole} />
        <Field
          label="Expires in (days)"
          type="number"
          min={1}
          value={days}
          onValue={setDays}
          error={e.expiresInDays}
          hint="Empty: never"
        />
        <button type="submit" class="primary" disabled={create.busy || !name.trim()}>
          Create key
        </button>
      </Form>
      <ErrorNotice error={create.error ?? revoke.error ?? rotate.error} />
      <Async state={keys}>
        {(d) =>
          d.items.length === 0 ? (
            <p class="muted">No API keys.</p>
          ) : (
            <div class="table-wrap">
              <table class="table">
                <caption class="sr-only">API keys</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Key</th>
                    <th scope="col">Role</th>
                    <th scope="col">Last used</th>
                    <th scope="col">Expires</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {d.items.map((k) => (
                    <tr key={k.id}>
                      <td>{k.name}</td>
                      <td>
                        <code>vak_{k.prefix}_…</code>
                      </td>
                      <td>{k.role}</td>
                      <td>{fmtDate(k.lastUsedAt)}</td>
                      <td>{fmtDate(k.expiresAt)}</td>
                      <td>
                        {k.revokedAt ? (
                          <Badge value="revoked" />
                        ) : (
                          <span class="row-actions">
                            <button type="button" class="link" onClick={() => void rotate.run(k)}>
                              Rotate <span class="sr-only">{k.name}</span>
                            </button>
                            <button type="button" class="link danger" onClick={() => void revoke.run(k)}>
                              Revoke <span class="sr-only">{k.name}</span>
                            </button>
                          </span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Async>
    </Page>
  );
}

export function UsersPage(): JSX.Element {
  const users = useGet<{ items: User[] }>('/users');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const me = getSession()?.userId;
  const add = useAction(async () => {
    await api<User>('POST', '/users', { email, password, role, ...(name.trim() ? { name } : {}) });
    setEmail('');
    setName('');
    setPassword('');
    announce('User added');
    users.reload();
  });
  const change = useAction(async (u: User, patch: Partial<Pick<User, 'role' | 'disabled'>>) => {
    await api<User>('PUT', `/users/${u.id}`, patch);
    announce(`${u.email} updated`);
    users.reload();
  });
  const remove = useAction(async (u: User) => {
    if (!confirm(`Remove ${u.email}?`)) return;
    await api('DELETE', `/users/${u.id}`);
    announce(`${u.email} removed`);
    users.reload();
  });
  const e = add.error instanceof ApiError ? add.error.fields : {};
  return (
    <Page title="Users and roles">
      <Form onSubmit={add.run} label="Add a user" class="card">
        <div class="grid2">
          <Field label="Email" type="email" required value={email} onValue={setEmail} error={e.email} />
          <Field label="Name" value={name} onValue={setName} error={e.name} />
          <Field
            label="Initial password"
            type="password"
            autoComplete="new-password"
            required
            value={password}
            onValue={setPassword}
            error={e.password}
            hint="At least 10 characters; not a common password, repetition or keyboard run"
          />
          <Select label="Role" value={role} options={roles} onValue={setRole} />
        </div>
        <button type="submit" class="primary" disabled={add.busy}>
          Add user
        </button>
      </Form>
      <ErrorNotice error={add.error ?? change.error ?? remove.error} />
      <Async state={users}>
        {(d) => (
          <div class="table-wrap">
            <table class="table">
              <caption class="sr-only">Users</caption>
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Last sign-in</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {d.items.map((u) => (
                  <tr key={u.id}>
                    <td>
                      {u.email} {u.id === me && <span class="muted">(you)</span>}{' '}
                      {u.disabled && <Badge value="disabled" />}
                    </td>
                    <td>{u.name ?? '—'}</td>
                    <td>
                      <label class="sr-only" for={`role-${u.id}`}>
                        Role of {u.email}
                      </label>
                      <select
                        id={`role-${u.id}`}
                        value={u.role}
                        disabled={u.id === me}
                        onChange={(ev) => void change.run(u, { role: ev.currentTarget.value as Role })}
                      >
                        {roles.map((r) => (
                          <option key={r}>{r}</option>
                        ))}
                      </select>
                    </td>
                    <td>{fmtDate(u.lastLoginAt)}</td>
                    <td>
                      {u.id !== me && (
                        <span class="row-actions">
                          <button
                            type="button"
                            class="link"
                            onClick={() => void change.run(u, { disabled: !u.disabled })}
                          >
                            {u.disabled ? 'Enable' : 'Disable'} <span class="sr-only">{u.email}</span>
                          </button>
                          <button type="button" class="link danger" onClick={() => void remove.run(u)}>
                            Remove <span class="sr-only">{u.email}</span>
                          </button>
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Async>
    </Page>
  );
}

export function AuditPage(): JSX.Element {
  const [offset, setOffset] = useState(0);
  const [action, setAction] = useState('');
  const [actorId, setActorId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [applied, setApplied] = useState('');
  const limit = 50;
  const log = useGet<{ items: AuditEntry[]; total: number }>(
    `/audit-log?limit=${limit}&offset=${offset}${applied}`,
  );
  const filter = useAction(async () => {
    const q = new URLSearchParams();
    if (action.trim()) q.set('action', action.trim());
    if (actorId.trim()) q.set('actorId', actorId.trim());
    if (from) q.set('from', new Date(from).toISOString());
    if (to) q.set('to', new Date(to).toISOString());
    setOffset(0);
    setApplied(q.size ? `&${q.toString()}` : '');
  });
  return (
    <Page title="Audit log">
      <Form onSubmit={filter.run} label="Filter the audit log" class="card filters">
        <Field label="Action (e.g. auth.login_failed, or auth. for all)" value={action} onValue={setAction} />
        <Field label="Actor id" value={actorId} onValue={setActorId} />
        <Field label="From" type="datetime-local" value={from} onValue={setFrom} />
        <Field label="To" type="datetime-local" value={to} onValue={setTo} />
        <button type="submit">Filter</button>
      </Form>
      <Async state={log}>
        {(d) => (
          <>
            <div class="table-wrap">
              <table class="table">
                <caption class="sr-only">Audit log</caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Action</th>
                    <th scope="col">Actor</th>
                    <th scope="col">Target</th>
                    <th scope="col">Address</th>
                  </tr>
                </thead>
                <tbody>
                  {d.items.map((a) => (
                    <tr key={a.id}>
                      <td>{fmtDate(a.createdAt)}</td>
                      <td>
                        <code>{a.action}</code>
                      </td>
                      <td>
                        {a.actorType} <span class="muted">{a.actorId?.slice(0, 8)}</span>
                      </td>
                      <td>
                        {a.targetType ?? '—'} <span class="muted">{a.targetId?.slice(0, 8)}</span>
                      </td>
                      <td>{a.ip ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div class="pager">
              <button
                type="button"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - limit))}
              >
                Newer
              </button>
              <button
                type="button"
                disabled={offset + d.items.length >= d.total}
                onClick={() => setOffset(offset + limit)}
              >
                Older
              </button>
            </div>
          </>
        )}
      </Async>
    </Page>
  );
}
