import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import t from 'tap';
import { startAppliance } from '../app.js';
import { loadConfig } from '../config/index.js';
import { createLogger } from '../log.js';
import { selfSignedPaths } from '../http/tls.js';
import { dialects } from './helpers/dialects.js';
import { httpsRequest, startTestApi } from './helpers/app.js';
import { testCert } from '../../lib/test/helpers/tls-cert.js';

/** The certificate the server presents on a fresh TLS connection (trusting `ca`). */
function servedFingerprint(port: number, ca: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = tls.connect({ host: '127.0.0.1', port, ca, servername: 'localhost' }, () => {
      const fp = s.getPeerCertificate().fingerprint256;
      s.end();
      resolve(fp);
    });
    s.on('error', reject);
  });
}

/** A raw plain-HTTP request to the HTTPS port (what a browser does for http://host:port/). */
function plainRequest(port: number, raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = net.connect(port, '127.0.0.1', () => c.write(raw));
    let out = '';
    c.on('data', (d) => (out += d.toString('latin1')));
    c.on('end', () => resolve(out));
    c.on('error', reject);
  });
}

function makeCert(dir: string, name: string, cn: string): { certFile: string; keyFile: string } {
  const { certFile, keyFile } = testCert({ dir, name, cn, days: 30 });
  return { certFile, keyFile };
}

for (const dialect of dialects) {
  t.test(
    `HTTPS with the self-signed certificate: login over TLS, redirect, key file [${dialect}]`,
    async (t) => {
      const api = await startTestApi(t, dialect, { tls: { mode: 'self-signed' } });
      t.equal(api.app.scheme, 'https');
      t.ok(api.baseUrl.startsWith('https://'));
      const m = api.app.tls();
      t.ok(m, 'a certificate was made');
      if (!m) return;
      const x = new X509Certificate(m.cert);
      t.match(x.subjectAltName ?? '', /DNS:localhost/);
      t.match(x.subjectAltName ?? '', /IP Address:127\.0\.0\.1/);
      t.match(
        x.subjectAltName ?? '',
        new RegExp(`DNS:${os.hostname().replace(/\./g, '\\.')}`),
        'host name in the SAN',
      );
      t.equal(statSync(m.keyFile).mode & 0o777, 0o600, 'key file is 0600');
      t.equal(
        await servedFingerprint(api.app.httpPort, m.cert),
        m.fingerprint256,
        'served certificate = shown fingerprint',
      );

      const a = await api.register('Tls Co');
      const login = await api.call<{ accessToken: string }>('POST', '/auth/login', {
        body: { email: a.email, password: a.password },
      });
      t.equal(login.status, 200, 'login over HTTPS');
      t.equal(login.headers.get('strict-transport-security'), null, 'no HSTS for a self-signed certificate');
      const me = await api.call('GET', '/auth/me', { token: login.body.accessToken });
      t.equal(me.status, 200);

      const redirect = await plainRequest(
        api.app.httpPort,
        `GET /admin/system?x=1 HTTP/1.1\r\nHost: 127.0.0.1:${api.app.httpPort}\r\nConnection: close\r\n\r\n`,
      );
      t.match(redirect, /^HTTP\/1\.1 308/, 'plain HTTP is redirected');
      t.match(
        redirect,
        new RegExp(`\r\nlocation: https://127\\.0\\.0\\.1:${api.app.httpPort}/admin/system\\?x=1\r\n`, 'i'),
      );
      const injected = await plainRequest(
        api.app.httpPort,
        'GET / HTTP/1.1\r\nHost: evil.test/x\r\nConnection: close\r\n\r\n',
      );
      t.match(injected, /^HTTP\/1\.1 400/, 'a host header that is not a plain host is not echoed');

      // Garbage and a broken handshake are dropped; the server keeps answering.
      await plainRequest(api.app.httpPort, '\x16\x03\x01\x00\x05hello').catch(() => undefined);
      await plainRequest(api.app.httpPort, '\x00\x01\x02garbage\r\n\r\n').catch(() => undefined);
      t.equal((await api.call('GET', '/healthz')).status, 200, 'still serving');
    },
  );
}

t.test('the self-signed certificate survives a restart; plainHttp refuse answers 400', async (t) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'appliance-tls-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const config = (plainHttp: 'redirect' | 'refuse') =>
    loadConfig(
      {},
      {
        dataDir,
        logLevel: 'silent',
        models: { warmOnStart: false, prefer: {}, llm: {} },
        sip: {
          enabled: false,
          port: 0,
          bindAddress: '127.0.0.1',
          publicAddress: '127.0.0.1',
          allowFrom: [],
          maxConcurrentCalls: 2,
        },
        http: { port: 0, bindAddress: '127.0.0.1', shutdownGraceMs: 500 },
        tls: { mode: 'self-signed', plainHttp },
      },
    );
  const first = await startAppliance(config('redirect'), { log: createLogger('silent') });
  const fp = first.tls()?.fingerprint256;
  await first.stop();
  const second = await startAppliance(config('refuse'), { log: createLogger('silent') });
  t.teardown(() => second.stop());
  t.equal(second.tls()?.fingerprint256, fp, 'same certificate after a restart');
  t.equal(second.tls()?.certFile, selfSignedPaths(dataDir).certFile);
  // The CLI shows the same fingerprint (what an operator reads out to compare with the browser).
  const cli = execFileSync(process.execPath, ['--import', 'tsx', 'appliance/cli.ts', 'tls', 'fingerprint'], {
    env: { ...process.env, APPLIANCE_DATA_DIR: dataDir, APPLIANCE_CONFIG: '' },
    encoding: 'utf8',
  });
  t.match(cli, `SHA-256 fingerprint: ${fp}`, 'appliance tls fingerprint');
  const refused = await plainRequest(
    second.httpPort,
    `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
  );
  t.match(refused, /^HTTP\/1\.1 400/, 'plain HTTP refused');
});

t.test('an installed certificate: HSTS, reload on change, a bad pair refused', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'appliance-tls-inst-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const one = makeCert(dir, 'one', 'one.test');
  const api = await startTestApi(t, 'sqlite', { tls: { mode: 'installed', ...one } });
  const m1 = api.app.tls();
  t.equal(m1?.kind, 'installed');
  const health = await api.call('GET', '/healthz');
  t.equal(health.status, 200);
  t.equal(
    health.headers.get('strict-transport-security'),
    'max-age=31536000',
    'HSTS with an installed certificate',
  );

  // The operator replaces the files (same paths), then SIGHUP (main.ts) calls reloadTls.
  const two = makeCert(dir, 'two', 'two.test');
  execFileSync('cp', [two.certFile, one.certFile]);
  execFileSync('cp', [two.keyFile, one.keyFile]);
  t.equal(api.app.reloadTls(), true, 'reloaded');
  const m2 = api.app.tls();
  t.not(m2?.fingerprint256, m1?.fingerprint256);
  t.equal(
    await servedFingerprint(api.app.httpPort, m2?.cert ?? ''),
    m2?.fingerprint256,
    'new connections get the new certificate',
  );
  const res = await httpsRequest(`${api.baseUrl}/healthz`, {
    method: 'GET',
    headers: {},
    ca: m2?.cert ?? '',
  });
  t.equal(res.status, 200);

  // A mismatched pair on disk: the reload is refused and the served certificate stays.
  const three = makeCert(dir, 'three', 'three.test');
  execFileSync('cp', [three.certFile, one.certFile]);
  t.equal(api.app.reloadTls(), false, 'a key that does not match is not loaded');
  t.equal(api.app.tls()?.fingerprint256, m2?.fingerprint256);
  t.equal(await servedFingerprint(api.app.httpPort, m2?.cert ?? ''), m2?.fingerprint256);

  // ... and at start-up a clear error.
  await t.rejects(startTestApi(t, 'sqlite', { tls: { mode: 'installed', ...one } }), /not the private key/);
  t.throws(() => loadConfig({ APPLIANCE_TLS: 'installed' }), /certFile/, 'installed needs the files');
});
