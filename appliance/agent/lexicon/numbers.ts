/**
 * Spoken and written numbers: "a hundred and forty dollars" and "140 dollars" must find "$140";
 * STT writes numbers as words. Runs of number words become digits; the rest of the text is kept.
 */

const units: Record<string, number> = {
  zero: 0,
  oh: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const tens: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const scales: Record<string, number> = { hundred: 100, thousand: 1000, million: 1_000_000 };

const isNumberWord = (w: string): boolean => w in units || w in tens || w in scales;

/** The value of a run of number words ("two thousand two hundred" -> 2200), or undefined. */
export function wordsToNumber(words: readonly string[]): number | undefined {
  let total = 0;
  let current = 0;
  let any = false;
  for (const w of words) {
    if (w === 'and' || w === 'a') continue;
    const u = units[w] ?? tens[w];
    if (u !== undefined) {
      current += u;
      any = true;
    } else if (w === 'hundred') {
      current = (current || 1) * 100;
      any = true;
    } else if (scales[w] !== undefined) {
      total += (current || 1) * scales[w];
      current = 0;
      any = true;
    } else return undefined;
  }
  return any ? total + current : undefined;
}

/**
 * Replaces number-word runs by digits: "fifteen dollars" -> "15 dollars", "a hundred and forty"
 * -> "140". "one" alone stays (it is usually a pronoun: "a big one"); "a" and "and" join a run
 * only between number words.
 */
/**
 * Fractions of an hour as the minutes price lists write ("a half hour lesson" is the
 * "30-minute lesson", "an hour and a half" the "90-minute" one, "a quarter of an hour" 15).
 */
function durationsInMinutes(text: string): string {
  return text
    .replace(
      /\b(?:an? )?hour and a half\b|\b(?:one|1) and a half hours?\b|\b1\.5 ?(?:hours?|hrs?)\b/gi,
      '90 minute',
    )
    .replace(/\bhalf(?: an |-| )hour\b/gi, '30 minute')
    .replace(/\b(?:a )?quarter(?: of an |-| )hour\b/gi, '15 minute');
}

/**
 * A compound whose count is said in words: "a three-bedroom house", "a two-hour taster"
 * ("twenty-five" is one number, not a compound).
 */
export const spelledCompound =
  /\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)-(?!(?:one|two|three|four|five|six|seven|eight|nine)\b)([a-z]+)/gi;

/** The count of a compound is a figure too ("3-bedroom"), as "3 bedroom" is. */
const compoundsToFigures = (text: string): string =>
  text.replace(
    spelledCompound,
    (_, n: string, rest: string) => `${wordsToNumber([n.toLowerCase()]) ?? n}-${rest}`,
  );

/** "A dozen roses" -> "12 roses", "half a dozen eggs" -> "6 eggs", "two dozen" -> "24". */
function dozens(text: string): string {
  return text
    .replace(/\bhalf a dozen\b/gi, '6')
    .replace(/\b(?:a|one) dozen\b/gi, '12')
    .replace(/\b(two|three|four|five|[2-9]) dozen\b/gi, (_, n: string) => {
      const k = /^\d$/.test(n) ? Number(n) : ['two', 'three', 'four', 'five'].indexOf(n.toLowerCase()) + 2;
      return String(12 * k);
    });
}

export function digitize(text: string): string {
  const words = durationsInMinutes(compoundsToFigures(dozens(text))).split(/(\s+)/);
  const out: string[] = [];
  let i = 0;
  while (i < words.length) {
    const w = (words[i] ?? '').toLowerCase().replace(/[.,!?]$/, '');
    const startsRun = isNumberWord(w) || (w === 'a' && scales[nextWord(words, i)] !== undefined);
    if (!startsRun) {
      out.push(words[i] ?? '');
      i++;
      continue;
    }
    const run: string[] = [];
    let j = i;
    let end = i;
    while (j < words.length) {
      const x = (words[j] ?? '').toLowerCase();
      if (/^\s+$/.test(x) || x === '') {
        j++;
        continue;
      }
      const bare = x.replace(/[.,!?]$/, '');
      if (isNumberWord(bare) || ((bare === 'and' || bare === 'a') && isNumberWord(nextWord(words, j)))) {
        run.push(bare);
        end = j;
        j++;
        if (bare !== x) break;
      } else break;
    }
    const value = wordsToNumber(run);
    const meaningful = run.filter((r) => r !== 'a' && r !== 'and');
    if (value === undefined || (meaningful.length === 1 && meaningful[0] === 'one')) {
      out.push(words[i] ?? '');
      i++;
      continue;
    }
    const trail = /[.,!?]$/.exec(words[end] ?? '')?.[0] ?? '';
    out.push(`${value}${trail}`);
    i = end + 1;
  }
  // "The eleven plus", "sixteen plus": a figure and over, as written "11+", "16+"; not a sum
  // ("£5 plus VAT", "2 plus 2").
  return out
    .join('')
    .replace(/(?<![£$€.,\d])\b(\d{1,2}) plus\b(?!\s*(?:vat|tax|gst|delivery|postage|p&p|[£$€\d]))/gi, '$1+');
}

function nextWord(words: readonly string[], i: number): string {
  for (let k = i + 1; k < words.length; k++) {
    const w = (words[k] ?? '')
      .trim()
      .toLowerCase()
      .replace(/[.,!?]$/, '');
    if (w) return w;
  }
  return '';
}
