import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TlsSettings } from '../../sip/index.js';
import type { AppConfig } from '../config/index.js';
import { loadOrCreateSelfSigned, loadPair } from '../net/index.js';

/** The SIP stack's TLS settings from `config.sip.tls`, with the certificate's fingerprint for the log. */
export async function sipTlsSettings(
  cfg: AppConfig,
  publicAddress: string,
): Promise<{ settings: TlsSettings & { port: number }; fingerprint256: string; certFile: string }> {
  const t = cfg.sip.tls;
  // No installed certificate: a self-signed one for the public address (PBXs pin or import it).
  const pair =
    t.certFile !== ''
      ? await loadPair(t.certFile, t.keyFile)
      : await loadOrCreateSelfSigned({
          dir: path.join(cfg.dataDir, 'keys'),
          name: 'sip-tls',
          hosts: [...new Set([publicAddress, 'localhost'])],
        });
  const ca = t.caFile !== '' ? await readFile(t.caFile) : undefined;
  return {
    settings: {
      port: t.port,
      cert: pair.cert,
      key: pair.key,
      ...(ca ? { ca } : {}),
      requireClientCert: t.requireClientCert,
      verifyServer: t.verifyServer,
      pinSha256: t.pinSha256,
    },
    fingerprint256: pair.fingerprint256,
    certFile: pair.certFile,
  };
}
