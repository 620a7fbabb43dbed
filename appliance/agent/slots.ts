/**
 * Slot extraction for the message flow: the caller's name, a callback number (digits said as
 * words, "double five", "oh") and the message text. Pure functions over one utterance.
 */

const digitWords: Record<string, string> = {
  zero: '0',
  oh: '0',
  o: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
};
const repeatWords: Record<string, number> = { double: 2, triple: 3 };

/**
 * The longest run of spoken or written digits in the text ("five five five one two three four",
 * "555 1234", "double five") joined; runs may be separated by "dash", commas or "and".
 * Returns undefined under 3 digits (not a phone number).
 */
export function extractDigits(text: string): string | undefined {
  const words = text
    .toLowerCase()
    .replace(/[^a-z0-9+\s]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  let best = '';
  let run = '';
  let repeat = 1;
  const flush = (): void => {
    if (run.length > best.length) best = run;
    run = '';
    repeat = 1;
  };
  for (const w of words) {
    const rep = repeatWords[w];
    if (rep) {
      repeat = rep;
      continue;
    }
    const d = digitWords[w] ?? (/^\+?\d+$/.test(w) ? w.replace('+', '') : undefined);
    if (d !== undefined) {
      // "o" only counts inside a run ("five o five"), never on its own.
      if ((w === 'o' || w === 'oh') && run === '') continue;
      run += d.length === 1 ? d.repeat(repeat) : d;
      repeat = 1;
      continue;
    }
    // "oh one hundred" is 0100: "hundred"/"thousand" after a digit add zeros.
    if (run && w === 'hundred') {
      run += '00';
      continue;
    }
    if (run && w === 'thousand') {
      run += '000';
      continue;
    }
    if (run && ['dash', 'and', 'hyphen', 'then', 'plus'].includes(w)) continue;
    flush();
  }
  flush();
  return best.length >= 3 ? best : undefined;
}

/** A callback number: 5 to 15 digits. */
export function extractPhone(text: string): string | undefined {
  const d = extractDigits(text);
  return d && d.length >= 5 && d.length <= 15 ? d : undefined;
}

const notNames = new Set(
  (
    'calling ringing looking trying wondering interested here just sorry not fine good okay ok going a an the ' +
    'about after from phoning hoping still in on at with to for so very really open closed there back available ' +
    'leaving asking'
  ).split(' '),
);

const cap = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();

/** "my name is John Smith", "this is Maria", "it's Sam", "I'm Priya Patel"; a bare name when expected. */
export function extractName(text: string, expectingName = false): string | undefined {
  const s = text
    .replace(/[^A-Za-z'\s-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const m =
    /\b(?:my name is|my name's|name is|this is|it is|it's|i am|i'm|call me|the name is)\s+([A-Za-z'-]+)(?:\s+([A-Za-z'-]+))?/i.exec(
      s,
    );
  let first: string | undefined;
  let last: string | undefined;
  if (m) {
    first = m[1];
    last = m[2];
  } else if (expectingName) {
    const words = s
      .split(' ')
      .filter((w) => !/^(yes|yeah|sure|ok|okay|well|um|uh|it|is|its|it's|name|my)$/i.test(w));
    if (words.length >= 1 && words.length <= 3) [first, last] = words;
  }
  if (!first || notNames.has(first.toLowerCase())) return undefined;
  const parts = [cap(first)];
  if (
    last &&
    !notNames.has(last.toLowerCase()) &&
    !/^(and|my|calling|from|i|please|number|phone)$/i.test(last)
  )
    parts.push(cap(last));
  return parts.join(' ');
}

/** The body of a message: what follows "tell them", "the message is", "let them know". */
export function extractMessageText(text: string): string | undefined {
  const m =
    /\b(?:the message is|message is|tell (?:him|her|them|the \w+|\w+) that|tell (?:him|her|them|\w+)|let (?:him|her|them|\w+) know(?: that)?|saying that|say that|to say)\s+(.{3,})$/i.exec(
      text.trim(),
    );
  return m?.[1]?.trim().replace(/[.!]+$/, '');
}
