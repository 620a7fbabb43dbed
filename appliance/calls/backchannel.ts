/**
 * Backchannels: short acknowledgements a caller makes while the agent talks ("mhm", "ok",
 * "yeah", "right"). They must not take the turn. The session cuts the agent's audio as soon as
 * speech is confirmed (within the 200 ms barge-in budget, since a backchannel cannot be told
 * from an interruption that early), then decides on the finished segment: short and made only
 * of backchannel words (or empty: noise) -> the cut audio resumes from just before the cut;
 * anything else -> a real interruption (the turn is marked interrupted and the caller answered).
 */
const WORDS = new Set([
  'mhm',
  'mm',
  'hmm',
  'hm',
  'uh',
  'huh',
  'um',
  'ok',
  'okay',
  'yeah',
  'yep',
  'yup',
  'right',
  'sure',
  'alright',
  'aha',
  'ah',
  'oh',
  'i',
  'see',
  'got',
  'it',
  'cool',
  'fine',
  'great',
]);

/** Segments longer than this are never backchannels, ms. */
export const BACKCHANNEL_MAX_MS = 900;

export function isBackchannel(text: string, durationMs: number): boolean {
  if (durationMs > BACKCHANNEL_MAX_MS) return false;
  const words = text
    .toLowerCase()
    .replace(/[^a-z' ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  if (words.length > 3) return false;
  return words.every((w) => WORDS.has(w));
}
