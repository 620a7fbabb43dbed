/**
 * The quiet a synthesizer puts before each sentence, cut short.
 *
 * flite and festival start every sentence with about 180-210 ms of silence (espeak-ng with none).
 * On a call that silence is heard as the agent's thinking time: it sits between the caller's end
 * of speech and the first audible answer sound, on every answer and every sentence. The first
 * sound is found on 10 ms windows of the 16-bit samples; the answer keeps `keepMs` of the quiet
 * before it, so a soft onset ("h", "f", "s", which start well below the vowels) is never clipped:
 * the threshold is near the floor of the digital silence these engines write, not a speech level.
 */

/** Quiet kept ahead of the first sound, ms (default 30: below what a caller hears as a pause). */
export const LEAD_QUIET_KEEP_MS = 30;
/**
 * A 10 ms window whose peak sample magnitude exceeds this is sound (about -54 dBFS; the engines'
 * silence is digital zero or a few units of dither).
 */
const SOUND_PEAK = 64;
const WINDOW_MS = 10;

/**
 * `pcm` without its leading quiet beyond `keepMs`; the same array when there is no more than that
 * to cut or no sound at all (a silent clip is left whole: its length may be meant).
 */
export function trimLeadQuiet(
  pcm: Int16Array,
  sampleRateHz: number,
  keepMs = LEAD_QUIET_KEEP_MS,
): Int16Array {
  const win = Math.max(1, Math.round((sampleRateHz * WINDOW_MS) / 1000));
  const keep = Math.max(0, Math.round((sampleRateHz * keepMs) / 1000));
  let first = -1;
  for (let w = 0; w < pcm.length && first < 0; w += win) {
    const end = Math.min(pcm.length, w + win);
    for (let i = w; i < end; i++) {
      const v = pcm[i] ?? 0;
      if (v > SOUND_PEAK || v < -SOUND_PEAK) {
        first = w;
        break;
      }
    }
  }
  if (first < 0 || first <= keep) return pcm;
  return pcm.subarray(first - keep);
}
