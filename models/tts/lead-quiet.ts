/**
 * The quiet a TTS engine writes before a sentence's first sound. flite writes about 200 ms of
 * silence before every sentence and festival about 240 ms (espeak-ng 12 ms): on a call that
 * silence sits between the caller's end of speech and the agent's first sound, on every answer.
 * Cutting it down to a short lead keeps the onset natural (the first consonant's ramp is kept)
 * and takes the rest off voice-to-voice latency.
 */

/** Level at which a window counts as sound, dBFS (flite's and festival's quiet lead is below -70). */
const SOUND_DBFS = -54;
/** Window scanned for the first sound, ms. */
const WINDOW_MS = 10;
/** Quiet kept before the first sound, ms (a plosive's closure and the onset ramp). */
export const KEPT_LEAD_MS = 30;

/**
 * `pcm` with its quiet lead cut to KEPT_LEAD_MS: the audio from KEPT_LEAD_MS before the first
 * WINDOW_MS window holding a sample above SOUND_DBFS. Audio without any sound comes back whole;
 * nothing after the first sound is touched.
 */
export function cutLeadQuiet(pcm: Int16Array, sampleRateHz: number): Int16Array {
  const threshold = 32768 * 10 ** (SOUND_DBFS / 20);
  const win = Math.max(1, Math.round((sampleRateHz * WINDOW_MS) / 1000));
  let first = -1;
  for (let i = 0; i < pcm.length && first < 0; i += win) {
    const end = Math.min(pcm.length, i + win);
    for (let k = i; k < end; k++)
      if (Math.abs(pcm[k] as number) > threshold) {
        first = i;
        break;
      }
  }
  if (first < 0) return pcm;
  const start = Math.max(0, first - Math.round((sampleRateHz * KEPT_LEAD_MS) / 1000));
  return start === 0 ? pcm : pcm.subarray(start);
}
