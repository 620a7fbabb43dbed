/** Test helpers: shared data location, WAV loading, sox G.711 round trip. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseWav } from '../audio/pcm.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedDir = process.env['APPLIANCE_SHARED_DIR'] ?? path.resolve(repoRoot, '..', 'shared');
export const sharedModelsDir = path.join(sharedDir, 'models');
export const speechDir = path.join(sharedDir, 'speech');

export interface SpeechSample {
  file: string;
  sampleRateHz: number;
  reference: string;
  normalized: string;
}

export function speechSamples(): SpeechSample[] {
  const tsv = path.join(speechDir, 'transcripts.tsv');
  if (!existsSync(tsv)) return [];
  return readFileSync(tsv, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'))
    .filter((c) => c.length >= 5 && existsSync(path.join(speechDir, c[0] ?? '')))
    .map((c) => ({
      file: c[0] ?? '',
      sampleRateHz: Number(c[1]),
      reference: c[3] ?? '',
      normalized: c[4] ?? '',
    }));
}

export function loadSpeech(file: string): { pcm: Int16Array; sampleRateHz: number } {
  return parseWav(readFileSync(path.join(speechDir, file)));
}

export function hasCommand(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v "$1"', 'sh', cmd], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Telephone path: to G.711 u-law 8 kHz and back to 16 kHz linear (sox). */
export function g711RoundTrip(file: string): { pcm: Int16Array; sampleRateHz: number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'g711-'));
  try {
    const ulaw = path.join(dir, 'u.wav');
    const back = path.join(dir, 'b.wav');
    execFileSync('sox', [path.join(speechDir, file), '-r', '8000', '-c', '1', '-e', 'u-law', ulaw]);
    execFileSync('sox', [ulaw, '-r', '16000', '-e', 'signed-integer', '-b', '16', back]);
    return parseWav(readFileSync(back));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Deterministic white noise at a given RMS (dBFS). */
export function whiteNoise(samples: number, dbfs: number, seed = 1): Int16Array {
  const out = new Int16Array(samples);
  let x = seed >>> 0 || 1;
  const amp = 32768 * 10 ** (dbfs / 20) * Math.sqrt(3);
  for (let i = 0; i < samples; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = Math.round(((x >>> 0) / 0xffffffff - 0.5) * 2 * amp);
  }
  return out;
}
