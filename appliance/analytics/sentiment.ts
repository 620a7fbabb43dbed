/**
 * The caller's sentiment over a call by a small lexicon: each positive word +1, each negative -1,
 * flipped when one of the two words before it negates ("not happy", "never helpful"). A call
 * whose caller turns add up to +1 or more is positive, -1 or less negative, else neutral. Phone
 * callers are brief, so one clear word decides; the score is kept for those who want a scale.
 */

export type Sentiment = 'positive' | 'neutral' | 'negative';

const positive = new Set(
  (
    'thanks thank great perfect wonderful excellent helpful appreciate appreciated lovely awesome good fantastic ' +
    'brilliant happy glad pleased amazing nice cheers super fine love'
  ).split(' '),
);
const negative = new Set(
  (
    'angry annoyed annoying terrible awful useless ridiculous frustrated frustrating bad worst hate disappointed ' +
    'disappointing unacceptable complaint complain rude upset horrible poor wrong broken problem waste unhappy'
  ).split(' '),
);
const negators = new Set([
  'not',
  'no',
  'never',
  'dont',
  "don't",
  'isnt',
  "isn't",
  'wasnt',
  "wasn't",
  'hardly',
]);

export function sentimentOf(callerTexts: readonly string[]): { label: Sentiment; score: number } {
  let score = 0;
  for (const text of callerTexts) {
    const words = text.toLowerCase().match(/[a-z']+/g) ?? [];
    words.forEach((w, i) => {
      const polarity = positive.has(w) ? 1 : negative.has(w) ? -1 : 0;
      if (!polarity) return;
      const negated = words.slice(Math.max(0, i - 2), i).some((p) => negators.has(p));
      score += negated ? -polarity : polarity;
    });
  }
  return { label: score >= 1 ? 'positive' : score <= -1 ? 'negative' : 'neutral', score };
}
