import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import { ErrorNotice } from '../ui/errors';
import { Field, Form, TextArea } from '../ui/form';
import { useAction, useGet } from '../ui/hooks';
import { announce } from '../ui/live';
import { Async, Badge, fmtDate, Page } from '../ui/page';
import { QrCode } from '../ui/qr-code';

interface MfaStatus {
  enabled: boolean;
  recoveryCodesLeft: number;
}
interface BusinessSecurity {
  mfaRequired: boolean;
  ipAllowList: string[];
}
interface TlsInfo {
  enabled: boolean;
  kind: 'self-signed' | 'installed' | null;
  fingerprint256: string | null;
  validTo: string | null;
  subjectAltNames: string | null;
  hsts: boolean;
}

/** The TOTP secret for the authenticator app: scanned as a QR code, typed in, or opened from the otpauth link. */
export function TotpSecret({ secret, uri }: { secret: string; uri: string }): JSX.Element {
  return (
    <div class="notice info">
      <p>Scan this code with your authenticator app:</p>
      <QrCode text={uri} label="QR code of the authenticator key" />
      <p>Or add this key by hand (time-based, 6 digits, 30 s):</p>
      <p>
        <code class="secret" data-testid="totp-secret">
          {secret.replace(/(.{4})/g, '$1 ').trim()}
        </code>
      </p>
      <p class="muted">
        On a phone, <a href={uri}>open it in the app</a>.
      </p>
    </div>
  );
}

/** Recovery codes: shown once, each works once when the phone is lost. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }): JSX.Element {
  return (
    <div class="notice info" role="status">
      <p>Recovery codes: keep them somewhere safe. Each works once; they are shown only now.</p>
      <ul data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <button type="button" onClick={onDone}>
        I have saved them
      </button>
    </div>
  );
}

function MfaCard(): JSX.Element {
  const status = useGet<MfaStatus>('/auth/mfa');
  const [setup, setSetup] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const start = useAction(async () => {
    setSetup(await api('POST', '/auth/mfa/setup'));
  });
  const confirm = useAction(async () => {
    const r = await api<{ recoveryCodes: string[] }>('POST', '/auth/mfa/confirm', { code });
    setCodes(r.recoveryCodes);
    setSetup(null);
    setCode('');
    announce('Two-step verification is on');
    status.reload();
  });
  const disable = useAction(async () => {
    await api('POST', '/auth/mfa/disable', { code });
    setCode('');
    announce('Two-step verification is off');
    status.reload();
  });
  return (
    <div class="card">
      <h2>Two-step verification (your account)</h2>
      {codes && <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />}
      <Async state={status}>
        {(s) =>
          s.enabled ? (
            <Form onSubmit={disable.run} label="Turn two-step verification off">
              <p>
                <Badge value="on" /> {s.recoveryCodesLeft} recovery codes left.
              </p>
              <Field
                label="Current code"
                autoComplete="one-time-code"
                required
                value={code}
                onValue={setCode}
              />
              <ErrorNotice error={disable.error} />
              <button type="submit" disabled={disable.busy}>
                Turn off
              </button>
            </Form>
          ) : setup ? (
            <Form onSubmit={confirm.run} label="Confirm two-step verification">
              <TotpSecret secret={setup.secret} uri={setup.otpauthUri} />
              <Field
                label="Code from the app"
                autoComplete="one-time-code"
                inputMode="numeric"
                required
                value={code}
                onValue={setCode}
              />
              <ErrorNotice error={confirm.error} />
              <button type="submit" class="primary" disabled={confirm.busy}>
                Confirm
              </button>
            </Form>
          ) : (
            <>
              <p>
                <Badge value="off" /> Sign-ins need only your password.
              </p>
              <ErrorNotice error={start.error} />
              <button type="button" class="primary" onClick={() => void start.run()} disabled={start.busy}>
                Set up
              </button>
            </>
          )
        }
      </Async>
    </div>
  );
}

function BusinessSecurityCard(): JSX.Element {
  const sec = useGet<BusinessSecurity>('/business/security');
  const [list, setList] = useState<string | null>(null);
  const save = useAction(async (body: Partial<BusinessSecurity>) => {
    await api('PUT', '/business/security', body);
    announce('Saved');
    setList(null);
    sec.reload();
  });
  return (
    <div class="card">
      <h2>Business sign-in policy</h2>
      <Async state={sec}>
        {(s) => (
          <>
            <p>
              Owners and admins must use two-step verification: <Badge value={s.mfaRequired ? 'on' : 'off'} />{' '}
              <button type="button" onClick={() => void save.run({ mfaRequired: !s.mfaRequired })}>
                {s.mfaRequired ? 'Stop requiring' : 'Require'}
              </button>
            </p>
            <Form
              onSubmit={() =>
                save.run({
                  ipAllowList: (list ?? s.ipAllowList.join('\n'))
                    .split(/[\s,]+/)
                    .map((x) => x.trim())
                    .filter(Boolean),
                })
              }
              label="IP allow-list"
            >
              <TextArea
                label="Allowed addresses (one address or CIDR per line; empty: any)"
                hint="IPv4 or IPv6, e.g. 192.0.2.0/24. The list must include the address you are using now."
                value={list ?? s.ipAllowList.join('\n')}
                onValue={setList}
              />
              <button type="submit">Save allow-list</button>
            </Form>
            <ErrorNotice error={save.error} />
          </>
        )}
      </Async>
    </div>
  );
}

/** The HTTPS certificate: what to compare with the browser's certificate viewer. */
export function TlsCard(): JSX.Element {
  const tls = useGet<TlsInfo>('/system/tls');
  return (
    <div class="card">
      <h2>HTTPS certificate</h2>
      <Async state={tls}>
        {(t) =>
          t.enabled ? (
            <dl>
              <dt>Kind</dt>
              <dd>
                <Badge value={t.kind ?? ''} />
              </dd>
              <dt>SHA-256 fingerprint</dt>
              <dd>
                <code data-testid="tls-fingerprint">{t.fingerprint256}</code>
              </dd>
              <dt>Valid until</dt>
              <dd>{t.validTo ? fmtDate(t.validTo) : '—'}</dd>
              <dt>Names</dt>
              <dd>{t.subjectAltNames}</dd>
              <dt>HSTS</dt>
              <dd>{t.hsts ? 'sent' : 'not sent (self-signed certificate)'}</dd>
            </dl>
          ) : (
            <p>HTTPS is off: this box speaks plain HTTP (tls.mode = off).</p>
          )
        }
      </Async>
    </div>
  );
}

export function SecurityPage(): JSX.Element {
  return (
    <Page title="Security">
      <MfaCard />
      <BusinessSecurityCard />
      <TlsCard />
    </Page>
  );
}
