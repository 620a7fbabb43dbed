import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, rename } from 'node:fs/promises';
import { isIP } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A certificate and key pair in PEM, with the certificate's SHA-256 fingerprint (AB:CD:...). */
export interface CertificatePair {
  readonly cert: Buffer;
  readonly key: Buffer;
  readonly fingerprint256: string;
  readonly certFile: string;
  readonly keyFile: string;
}

export interface SelfSignedOptions {
  /** Directory of the pair (created 0700), e.g. `<dataDir>/keys`. */
  readonly dir: string;
  /** File name stem: `<name>.crt` and `<name>.key` (key mode 0600). */
  readonly name: string;
  /** Subject CN and subjectAltName entries: host names and IP addresses. */
  readonly hosts: readonly string[];
  /** Validity, days (default 825: the longest most clients accept for a leaf). */
  readonly days?: number;
}

/**
 * Loads `<dir>/<name>.{crt,key}`, creating a self-signed pair (ECDSA P-256, SHA-256) with the
 * `openssl` CLI on first use. Shared by every TLS listener of the box that has no installed
 * certificate (SIP over TLS today); a peer trusts it by pinning its fingerprint.
 */
export async function loadOrCreateSelfSigned(opts: SelfSignedOptions): Promise<CertificatePair> {
  const certFile = path.join(opts.dir, `${opts.name}.crt`);
  const keyFile = path.join(opts.dir, `${opts.name}.key`);
  const existing = await loadPair(certFile, keyFile).catch(() => undefined);
  if (existing) return existing;
  await mkdir(opts.dir, { recursive: true, mode: 0o700 });
  const hosts = opts.hosts.length > 0 ? opts.hosts : ['localhost'];
  const san = hosts.map((h) => (isIP(h) ? `IP:${h}` : `DNS:${h}`)).join(',');
  const tmp = `.${process.pid}.tmp`;
  // CN may not hold a colon-free IPv6 literal; the SAN carries the real names anyway.
  const cn = (hosts[0] ?? 'localhost').replace(/[^A-Za-z0-9.-]/g, '-');
  await run(
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
      String(opts.days ?? 825),
      '-subj',
      `/CN=${cn}`,
      '-addext',
      `subjectAltName=${san}`,
      '-keyout',
      keyFile + tmp,
      '-out',
      certFile + tmp,
    ],
    { timeout: 30_000 },
  );
  // umask-independent: the key is readable by the service user only.
  await chmod(keyFile + tmp, 0o600);
  await rename(keyFile + tmp, keyFile);
  await rename(certFile + tmp, certFile);
  return loadPair(certFile, keyFile);
}

/** Reads an installed pair; throws with the file's name when it is missing or not a certificate. */
export async function loadPair(certFile: string, keyFile: string): Promise<CertificatePair> {
  const [cert, key] = await Promise.all([readFile(certFile), readFile(keyFile)]);
  let fingerprint256: string;
  try {
    fingerprint256 = new X509Certificate(cert).fingerprint256;
  } catch (err) {
    throw new Error(`${certFile} is not a PEM certificate`, { cause: err });
  }
  return { cert, key, fingerprint256, certFile, keyFile };
}
