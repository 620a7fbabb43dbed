/**
 * Recordings at rest: after a call, the media layer's plaintext stereo WAV (caller left, agent
 * right) is encrypted with AES-256-GCM chunks (recording-crypto.ts) into the data dir, fsynced,
 * renamed into place, and the plaintext deleted. Downloads decrypt and verify as they stream.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createDecryptStream, createEncryptStream } from './recording-crypto.js';

/** Relative to the data dir. */
export const RECORDINGS_DIR = 'recordings';

export function plaintextDir(dataDir: string): string {
  return path.join(dataDir, RECORDINGS_DIR, 'incoming');
}

/** Encrypts `wavPath` to `<dataDir>/recordings/<businessId>/<id>.vrec`; returns the relative path and size. */
export async function encryptRecording(
  key: Buffer,
  dataDir: string,
  businessId: string,
  id: string,
  wavPath: string,
): Promise<{ file: string; bytes: number }> {
  const rel = path.join(RECORDINGS_DIR, businessId, `${id}.vrec`);
  const dest = path.join(dataDir, rel);
  const tmp = `${dest}.tmp`;
  await mkdir(path.dirname(dest), { recursive: true });
  try {
    await pipeline(
      createReadStream(wavPath),
      createEncryptStream(key),
      createWriteStream(tmp, { mode: 0o600 }),
    );
    const fh = await open(tmp, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, dest);
    const dir = await open(path.dirname(dest), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await rm(wavPath, { force: true });
  return { file: rel, bytes: (await stat(dest)).size };
}

/** Plaintext WAV stream of an encrypted recording (errors on tampering, mid-stream). */
export function decryptedStream(key: Buffer, dataDir: string, file: string): Readable {
  const full = path.resolve(dataDir, file);
  const root = path.resolve(dataDir, RECORDINGS_DIR);
  if (!full.startsWith(root + path.sep)) throw new Error('recording path outside the recordings dir');
  const src = createReadStream(full);
  const dec = createDecryptStream(key);
  src.on('error', (err) => dec.destroy(err));
  return src.pipe(dec);
}

export async function deleteRecordingFile(dataDir: string, file: string): Promise<void> {
  const full = path.resolve(dataDir, file);
  if (!full.startsWith(path.resolve(dataDir, RECORDINGS_DIR) + path.sep)) return;
  await rm(full, { force: true });
}
