/**
 * The TLS certificates a restored box must keep so that clients which pinned its fingerprint
 * (browsers that accepted the self-signed certificate, PBXs with `pinSha256`) keep working.
 * The self-signed pairs live in the data directory (`tls/`, `keys/sip-tls.*`) and travel with
 * it; an installed pair (config `tls.certFile`/`keyFile`, `sip.tls.certFile`/`keyFile`) usually
 * lives elsewhere (e.g. /etc), so backup copies it in as `tls/<name>.crt|.key` and restore puts
 * it where the new box's configuration names it, or under `<dataDir>/tls/restored/` when the new
 * box names no installed pair. Keys are written 0600, certificates 0644.
 */
import { existsSync, readFileSync } from 'node:fs';
import { chmod, copyFile, mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { BackupError } from './archive.js';

/** Which installed pair: the HTTPS listener's or the SIP-over-TLS listener's. */
export type TlsPairName = 'https' | 'sip';
export const tlsPairNames: readonly TlsPairName[] = ['https', 'sip'];

export interface TlsPair {
  certFile: string;
  keyFile: string;
}
/** Installed pairs by name (absent: self-signed or off, nothing outside the data directory). */
export type InstalledTls = Partial<Record<TlsPairName, TlsPair>>;

/** Member path inside the archive of one half of a pair. */
export function tlsMember(name: TlsPairName, part: 'crt' | 'key'): string {
  return `tls/${name}.${part}`;
}

interface Placement {
  src: string;
  dest: string;
  mode: number;
}

/**
 * Where each `tls/` member of an unpacked backup goes on the new box. Checked before anything is
 * written: a file already there with other content is refused unless `force`.
 */
export function planTlsRestore(
  work: string,
  members: readonly string[],
  dataDir: string,
  target: InstalledTls,
  force: boolean,
): { placements: Placement[]; notes: string[] } {
  const placements: Placement[] = [];
  const notes: string[] = [];
  for (const name of tlsPairNames) {
    const crt = tlsMember(name, 'crt');
    const key = tlsMember(name, 'key');
    if (!members.includes(crt) || !members.includes(key)) continue;
    const configured = target[name];
    const dest: TlsPair = configured ?? {
      certFile: path.join(dataDir, 'tls', 'restored', `${name}.crt`),
      keyFile: path.join(dataDir, 'tls', 'restored', `${name}.key`),
    };
    for (const [member, file, mode] of [
      [crt, dest.certFile, 0o644],
      [key, dest.keyFile, 0o600],
    ] as const) {
      const src = path.join(work, ...member.split('/'));
      if (!force && existsSync(file) && !readFileSync(file).equals(readFileSync(src)))
        throw new BackupError(
          `${file} exists with another certificate or key (the backup's ${name} pair); move it away or restore with --force`,
        );
      placements.push({ src, dest: file, mode });
    }
    if (!configured) {
      const keys =
        name === 'https'
          ? 'APPLIANCE_TLS=installed APPLIANCE_TLS_CERT=… APPLIANCE_TLS_KEY=…'
          : 'APPLIANCE_SIP_TLS_CERT=… APPLIANCE_SIP_TLS_KEY=…';
      notes.push(
        `the backup's installed ${name} certificate is in ${dest.certFile} (key ${dest.keyFile}); point ${keys} at them to serve it`,
      );
    }
  }
  return { placements, notes };
}

export async function placeTls(placements: readonly Placement[]): Promise<void> {
  for (const p of placements) {
    await mkdir(path.dirname(p.dest), { recursive: true, mode: 0o700 });
    // Tighten before it can be read at its final name.
    await chmod(p.src, p.mode);
    try {
      await rename(p.src, p.dest);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
      await copyFile(p.src, p.dest);
      await chmod(p.dest, p.mode);
    }
  }
}
