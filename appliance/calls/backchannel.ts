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

/** Words that always take the turn, however short the segment. */
const TAKE_TURN = new Set([
  'stop',
  'wait',
  'no',
  'agent',
  'human',
  'person',
  'operator',
  'help',
  'hello',
  'sorry',
  'what',
  'repeat',
  'transfer',
]);

/**
 * Segments longer than this are never backchannels, ms. The VAD segment carries ~300 ms pre-roll
 * and ~200 ms of trailing silence, so 1400 ms is about 900 ms of speech.
 */
export const BACKCHANNEL_MAX_MS = 1400;

/**
 * A backchannel: a short segment made only of acknowledgement words, or a single short word the
 * recogniser could not pin down (a biased recogniser maps "mhm" to whatever is near), unless
 * it is one of the words that always take the turn ("stop", "wait", "agent", ...).
 */
export function isBackchannel(text: string, durationMs: number): boolean {
  if (durationMs > BACKCHANNEL_MAX_MS) return false;
  const words = text
    .toLowerCase()
    .replace(/[^a-z' ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  if (words.some((w) => TAKE_TURN.has(w))) return false;
  if (words.length <= 1) return true;
  if (words.length > 3) return false;
  return words.every((w) => WORDS.has(w));
}
