import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import { getSession, sessionFromPair, setSession } from '../api/session';
import { postPublic } from './auth';
import type { Profile } from '../api/types';
import { ErrorNotice } from '../ui/errors';
import { Field, Form, TextArea } from '../ui/form';
import { useAction, useGet } from '../ui/hooks';
import { announce } from '../ui/live';
import { Async, fmtDate, Page } from '../ui/page';

export function ProfilePage(): JSX.Element {
  const p = useGet<Profile>('/business/profile');
  return (
    <Page title="Business profile">
      <Async state={p}>{(d) => <ProfileForm key={d.updatedAt} profile={d} />}</Async>
      <VoiceSettings />
      <PasswordForm />
    </Page>
  );
}

function ProfileForm({ profile }: { profile: Profile }): JSX.Element {
  const [f, setF] = useState({
    name: profile.name,
    email: profile.email,
    phone: profile.phone ?? '',
    address: profile.address ?? '',
    timezone: profile.timezone,
    website: profile.website ?? '',
    description: profile.description ?? '',
  });
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const save = useAction(async () => {
    const orNull = (v: string): string | null => (v.trim() ? v : null);
    await api<Profile>('PUT', '/business/profile', {
      name: f.name,
      email: f.email,
      timezone: f.timezone,
      phone: orNull(f.phone),
      address: orNull(f.address),
      website: orNull(f.website),
      description: orNull(f.description),
    });
    announce('Profile saved');
  });
  const e = save.error instanceof ApiError ? save.error.fields : {};
  return (
    <Form onSubmit={save.run} label="Business profile" class="card">
      <div class="grid2">
        <Field label="Business name" required value={f.name} onValue={set('name')} error={e.name} />
        <Field label="Contact email" type="email" value={f.email} onValue={set('email')} error={e.email} />
        <Field label="Phone" type="tel" value={f.phone} onValue={set('phone')} error={e.phone} />
        <Field
          label="Time zone"
          value={f.timezone}
          onValue={set('timezone')}
          error={e.timezone}
          hint="IANA name, e.g. Europe/Berlin"
        />
        <Field label="Website" value={f.website} onValue={set('website')} error={e.website} />
        <Field label="Address" value={f.address} onValue={set('address')} error={e.address} />
      </div>
      <TextArea
        label="Description"
        value={f.description}
        onValue={set('description')}
        error={e.description}
      />
      <ErrorNotice error={save.error} />
      <button type="submit" class="primary" disabled={save.busy}>
        {save.busy ? 'Saving…' : 'Save profile'}
      </button>
      <p class="muted">Registered {fmtDate(profile.createdAt)}</p>
    </Form>
  );
}

interface VoiceSettingsBody {
  recordingEnabled: boolean;
  retentionDays: number;
}

/** Call recording on/off and how long recordings are kept. */
function VoiceSettings(): JSX.Element {
  const st = useGet<VoiceSettingsBody>('/voice/settings');
  return (
    <section class="card" aria-labelledby="rec-settings-h">
      <h2 id="rec-settings-h">Call recording</h2>
      <Async state={st}>{(d) => <VoiceSettingsForm key={JSON.stringify(d)} value={d} />}</Async>
    </section>
  );
}

function VoiceSettingsForm({ value }: { value: VoiceSettingsBody }): JSX.Element {
  const [enabled, setEnabled] = useState(value.recordingEnabled);
  const [days, setDays] = useState(String(value.retentionDays));
  const save = useAction(async () => {
    await api('PUT', '/voice/settings', { recordingEnabled: enabled, retentionDays: Number(days) });
    announce('Recording settings saved');
  });
  const e = save.error instanceof ApiError ? save.error.fields : {};
  return (
    <Form onSubmit={save.run} label="Call recording settings" class="inline-form">
      <label class="day">
        <input type="checkbox" checked={enabled} onChange={(x) => setEnabled(x.currentTarget.checked)} />{' '}
        Record calls
      </label>
      <Field
        label="Keep recordings (days)"
        type="number"
        min={1}
        max={3650}
        value={days}
        onValue={setDays}
        error={e.retentionDays}
      />
      <button type="submit" disabled={save.busy}>
        Save recording settings
      </button>
      <ErrorNotice error={save.error} />
    </Form>
  );
}

/**
 * The signed-in user's own password: the current one is required. The change ends every session
 * of the user, this one too, so the form signs in again with the new password.
 */
function PasswordForm(): JSX.Element {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const change = useAction(async () => {
    const s = getSession();
    if (!s) return;
    const me = await api<{ email: string | null }>('GET', '/auth/me');
    await api('PUT', `/users/${s.userId}`, { password: next, currentPassword: current });
    setCurrent('');
    setNext('');
    if (me.email)
      setSession(
        sessionFromPair(await postPublic('/auth/login', { email: me.email, password: next }), me.email),
      );
    else setSession(null, 'signed_out');
    announce('Password changed');
  });
  const e = change.error instanceof ApiError ? change.error.fields : {};
  return (
    <Form onSubmit={change.run} label="Your password" class="card">
      <h2>Your password</h2>
      <div class="grid2">
        <Field
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onValue={setCurrent}
          error={e.currentPassword}
        />
        <Field
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          value={next}
          onValue={setNext}
          error={e.password}
          hint="At least 10 characters; not a common password, repetition or keyboard run"
        />
      </div>
      <ErrorNotice error={change.error} />
      <button type="submit" class="primary" disabled={change.busy}>
        {change.busy ? 'Changing…' : 'Change password'}
      </button>
    </Form>
  );
}
