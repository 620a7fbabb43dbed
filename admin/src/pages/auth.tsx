import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { sessionFromPair, setSession, type TokenPair } from '../api/session';
import { Link, navigate } from '../router';
import { ErrorNotice } from '../ui/errors';
import { Field, Form } from '../ui/form';
import { useAction } from '../ui/hooks';
import { announce } from '../ui/live';
import { Page } from '../ui/page';
import { RecoveryCodes, TotpSecret } from './security';

/** The password step's answer when the account has (or must set up) MFA. */
interface MfaChallenge {
  mfaRequired: true;
  method: 'totp' | 'enroll';
  challengeToken: string;
}

/** A public POST (sign-in, sign-up) that answers a token pair; errors as ApiError. */
export async function postPublic<T = TokenPair>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json().catch(() => ({}))) as {
    error?: { code: string; message: string; details?: unknown };
  };
  if (!res.ok) {
    const e = json.error ?? { code: `http_${res.status}`, message: `request failed (${res.status})` };
    throw new ApiError(res.status, e.code, e.message, e.details);
  }
  return json as unknown as T;
}

const fieldOf = (err: unknown, name: string): string | undefined =>
  err instanceof ApiError ? err.fields[name] : undefined;

export function SignIn({ notice, next }: { notice?: string | undefined; next: string }): JSX.Element {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<MfaChallenge | null>(null);
  const [enrol, setEnrol] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState<string[] | null>(null);
  const finish = (pair: TokenPair): void => {
    setSession(sessionFromPair(pair, email));
    announce('Signed in');
    navigate(next === '/signin' || next === '/signup' ? '/' : next, { replace: true });
  };
  const act = useAction(async () => {
    if (!challenge) {
      const r = await postPublic<TokenPair | MfaChallenge>('/auth/login', { email, password });
      if ('mfaRequired' in r) {
        setChallenge(r);
        if (r.method === 'enroll')
          setEnrol(await postPublic('/auth/mfa/enroll', { challengeToken: r.challengeToken }));
        announce('Enter the code from your authenticator app');
        return;
      }
      finish(r);
      return;
    }
    if (challenge.method === 'totp') {
      finish(await postPublic('/auth/mfa/verify', { challengeToken: challenge.challengeToken, code }));
      return;
    }
    const r = await postPublic<TokenPair & { recoveryCodes: string[] }>('/auth/mfa/enroll/confirm', {
      challengeToken: challenge.challengeToken,
      code,
    });
    setRecovery(r.recoveryCodes);
    setSession(sessionFromPair(r, email));
  });
  if (recovery)
    return (
      <main id="main" class="auth-wrap">
        <Page title="Recovery codes">
          <RecoveryCodes codes={recovery} onDone={() => navigate('/', { replace: true })} />
        </Page>
      </main>
    );
  if (challenge)
    return (
      <main id="main" class="auth-wrap">
        <Page title="Two-step verification">
          <Form onSubmit={act.run} label="Two-step verification" class="card narrow">
            {enrol && <TotpSecret secret={enrol.secret} uri={enrol.otpauthUri} />}
            {enrol && <p>Your business requires two-step verification for owners and admins.</p>}
            <Field
              label={enrol ? 'Code from the app' : 'Code from your app, or a recovery code'}
              autoComplete="one-time-code"
              inputMode={enrol ? 'numeric' : 'text'}
              required
              value={code}
              onValue={setCode}
            />
            <ErrorNotice error={act.error} />
            <button type="submit" class="primary" disabled={act.busy}>
              {act.busy ? 'Checking…' : 'Verify'}
            </button>
          </Form>
        </Page>
      </main>
    );
  return (
    <main id="main" class="auth-wrap">
      <Page title="Sign in">
        {notice && (
          <p class="notice info" role="status">
            {notice}
          </p>
        )}
        <Form onSubmit={act.run} label="Sign in" class="card narrow">
          <Field
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onValue={setEmail}
            error={fieldOf(act.error, 'email')}
          />
          <Field
            label="Password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onValue={setPassword}
            error={fieldOf(act.error, 'password')}
          />
          <ErrorNotice error={act.error} />
          <button type="submit" class="primary" disabled={act.busy}>
            {act.busy ? 'Signing in…' : 'Sign in'}
          </button>
          <p>
            New business? <Link href="/signup">Create an account</Link>
          </p>
        </Form>
      </Page>
    </main>
  );
}

export function SignUp(): JSX.Element {
  const [businessName, setBusinessName] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const act = useAction(async () => {
    const pair = await postPublic('/auth/register', {
      businessName,
      email,
      password,
      ...(name.trim() ? { name } : {}),
      ...(timezone ? { timezone } : {}),
    });
    setSession(sessionFromPair(pair, email));
    announce('Business registered');
    navigate('/', { replace: true });
  });
  return (
    <main id="main" class="auth-wrap">
      <Page title="Create your business account">
        <Form onSubmit={act.run} label="Sign up" class="card narrow">
          <Field
            label="Business name"
            required
            value={businessName}
            onValue={setBusinessName}
            error={fieldOf(act.error, 'businessName')}
          />
          <Field
            label="Your name"
            autoComplete="name"
            value={name}
            onValue={setName}
            error={fieldOf(act.error, 'name')}
          />
          <Field
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onValue={setEmail}
            error={fieldOf(act.error, 'email')}
          />
          <Field
            label="Password"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            hint="At least 10 characters."
            value={password}
            onValue={setPassword}
            error={fieldOf(act.error, 'password')}
          />
          <ErrorNotice error={act.error} />
          <button type="submit" class="primary" disabled={act.busy}>
            {act.busy ? 'Creating…' : 'Create account'}
          </button>
          <p>
            Already registered? <Link href="/signin">Sign in</Link>
          </p>
        </Form>
      </Page>
    </main>
  );
}
