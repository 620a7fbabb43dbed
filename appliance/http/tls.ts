import { execFileSync } from 'node:child_process';
import { X509Certificate, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import path from 'node:path';

/** What the HTTPS listener serves and what the UI/CLI show about it. */
export interface TlsMaterial {
  readonly kind: 'self-signed' | 'installed';
  readonly cert: string;
  readonly key: string;
  /** SHA-256 of the DER certificate, `AB:CD:…` (what a browser's certificate viewer shows). */
  readonly fingerprint256: string;
  readonly subjectAltNames: string;
  readonly validTo: string;
  /** Where the PEM files live (for the fingerprint CLI and the file watch). */
  readonly certFile: string;
  readonly keyFile: string;
}

export interface TlsSettings {
  mode: 'self-signed' | 'installed' | 'off';
  certFile: string;
  keyFile: string;
  hostnames: readonly string[];
}

/** The self-signed pair lives beside the master key: `<dataDir>/tls/self-signed.{crt,key}`. */
export function selfSignedPaths(dataDir: string): { certFile: string; keyFile: string } {
  const dir = path.join(dataDir, 'tls');
  return { certFile: path.join(dir, 'self-signed.crt'), keyFile: path.join(dir, 'self-signed.key') };
}

/** DNS names and IP addresses the self-signed certificate names: host, localhost, every interface. */
export function subjectAltNames(extraHostnames: readonly string[]): string[] {
  const names = new Set<string>([
    `DNS:${hostname()}`,
    'DNS:localhost',
    ...extraHostnames.map((h) => `DNS:${h}`),
  ]);
  names.add('IP:127.0.0.1');
  names.add('IP:::1');
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) names.add(`IP:${a.address.replace(/%.*$/, '')}`);
  return [...names];
}

function describe(
  kind: TlsMaterial['kind'],
  cert: string,
  key: string,
  certFile: string,
  keyFile: string,
): TlsMaterial {
  const x = new X509Certificate(cert);
  return {
    kind,
    cert,
    key,
    fingerprint256: x.fingerprint256,
    subjectAltNames: x.subjectAltName ?? '',
    validTo: new Date(x.validTo).toISOString(),
    certFile,
    keyFile,
  };
}

/**
 * Creates the self-signed certificate on first start: a P-256 key written 0600 (never readable by
 * others, not even briefly), then `openssl req -x509` for an 825-day certificate (the longest
 * validity Apple clients accept) naming the host and all its addresses. An expired or unreadable
 * pair is replaced; a valid one is kept so the fingerprint operators pinned stays the same.
 */
function loadOrCreateSelfSigned(dataDir: string, hostnames: readonly string[]): TlsMaterial {
  const { certFile, keyFile } = selfSignedPaths(dataDir);
  if (existsSync(certFile) && existsSync(keyFile)) {
    try {
      const m = describe(
        'self-signed',
        readFileSync(certFile, 'utf8'),
        readFileSync(keyFile, 'utf8'),
        certFile,
        keyFile,
      );
      if (Date.parse(m.validTo) > Date.now() + 86_400_000) return m;
    } catch {
      /* unreadable: make a new pair below */
    }
  }
  mkdirSync(path.dirname(certFile), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const tmpKey = `${keyFile}.${process.pid}.tmp`;
  const tmpCert = `${certFile}.${process.pid}.tmp`;
  rmSync(tmpKey, { force: true });
  writeFileSync(tmpKey, keyPem, { mode: 0o600, flag: 'wx' });
  chmodSync(tmpKey, 0o600);
  const cn = hostname().slice(0, 64) || 'appliance';
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-new',
        '-key',
        tmpKey,
        '-out',
        tmpCert,
        '-days',
        '825',
        '-sha256',
        '-subj',
        `/CN=${cn.replace(/[/=\\]/g, '-')}/O=Voice appliance (self-signed)`,
        '-addext',
        `subjectAltName=${subjectAltNames(hostnames).join(',')}`,
        '-addext',
        'basicConstraints=critical,CA:FALSE',
        '-addext',
        'keyUsage=critical,digitalSignature',
        '-addext',
        'extendedKeyUsage=serverAuth',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } catch (err) {
    rmSync(tmpKey, { force: true });
    throw new Error(`could not create the self-signed certificate with openssl: ${(err as Error).message}`, {
      cause: err,
    });
  }
  renameSync(tmpKey, keyFile);
  renameSync(tmpCert, certFile);
  return describe('self-signed', readFileSync(certFile, 'utf8'), keyPem, certFile, keyFile);
}

/**
 * The certificate and key the HTTPS listener uses (`undefined` when `mode` is `off`). An installed
 * pair is checked here (readable, key matches the certificate), so a bad file stops start-up (or a
 * reload) with a message instead of failing every handshake.
 */
export function loadTls(settings: TlsSettings, dataDir: string): TlsMaterial | undefined {
  if (settings.mode === 'off') return undefined;
  if (settings.mode === 'self-signed') return loadOrCreateSelfSigned(dataDir, settings.hostnames);
  let cert: string;
  let key: string;
  try {
    cert = readFileSync(settings.certFile, 'utf8');
    key = readFileSync(settings.keyFile, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the installed TLS certificate/key: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const m = describe('installed', cert, key, settings.certFile, settings.keyFile);
  const x = new X509Certificate(cert);
  let matches: boolean;
  try {
    // checkPrivateKey throws on a key of another type; either way it is not this certificate's key.
    matches = x.checkPrivateKey(createPrivateKey(key));
  } catch {
    matches = false;
  }
  if (!matches) throw new Error(`${settings.keyFile} is not the private key of ${settings.certFile}`);
  return m;
}
