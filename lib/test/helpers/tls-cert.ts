/**
 * Throw-away self-signed certificates for tests (openssl CLI, P-256), shared by every layer's tests
 * (SIP over TLS, HTTPS, backup of installed certificates) so that one place says how they are made.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TestCertOptions {
  /** Subject common name; default `localhost`. */
  cn?: string;
  /** subjectAltName value; default `IP:127.0.0.1,DNS:localhost`. */
  san?: string;
  /** Validity in days; default 2. */
  days?: number;
  /** Write into this existing directory (as `<name>.crt` / `<name>.key`) instead of a new temporary one. */
  dir?: string;
  /** File name stem inside `dir`; default `cert`. */
  name?: string;
}

export interface TestCert {
  cert: Buffer;
  key: Buffer;
  certFile: string;
  keyFile: string;
  /** The directory holding both. */
  dir: string;
  /** SHA-256 fingerprint as Node prints it (`AB:CD:...`). */
  fingerprint256: string;
  /** Removes the temporary directory, or only the two files when `dir` was given. */
  cleanup: () => void;
}

export function testCert(options: TestCertOptions | string = {}): TestCert {
  const o = typeof options === 'string' ? { cn: options } : options;
  const own = o.dir === undefined;
  const dir = o.dir ?? mkdtempSync(path.join(tmpdir(), 'test-tls-'));
  const stem = o.name ?? 'cert';
  const certFile = path.join(dir, `${stem}.crt`);
  const keyFile = path.join(dir, `${stem}.key`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-sha256',
      '-nodes',
      '-days',
      String(o.days ?? 2),
      '-subj',
      `/CN=${o.cn ?? 'localhost'}`,
      '-addext',
      `subjectAltName=${o.san ?? 'IP:127.0.0.1,DNS:localhost'}`,
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  const cert = readFileSync(certFile);
  return {
    cert,
    key: readFileSync(keyFile),
    certFile,
    keyFile,
    dir,
    fingerprint256: new X509Certificate(cert).fingerprint256,
    cleanup: () => {
      if (own) rmSync(dir, { recursive: true, force: true });
      else for (const f of [certFile, keyFile]) rmSync(f, { force: true });
    },
  };
}
