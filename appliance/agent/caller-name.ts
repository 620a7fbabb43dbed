/**
 * Greeting a known caller by name. The name comes from an outside system (the business's CRM),
 * so it is reduced to what a TTS engine can say safely, and the agent's own greeting is kept:
 * the name joins a leading salutation ("Hello, thanks for calling" -> "Hello Jane, thanks for
 * calling"), fills an explicit {callerName} placeholder, or else a short "Hello Jane." comes first.
 */

/** Longest name spoken, characters (cut at a word boundary). */
export const CALLER_NAME_MAX_CHARS = 40;

/** `{callerName}` in an agent's greeting; removed with its separator when no name is known. */
const hasPlaceholder = /\{\s*callerName\s*\}/i;
const placeholder = /\{\s*callerName\s*\}/gi;
const placeholderWithSeparator = /[\s,]*\{\s*callerName\s*\}/gi;

/**
 * A name fit to speak: letters (any script, with their combining marks), spaces, hyphens and
 * apostrophes; at most CALLER_NAME_MAX_CHARS; undefined when no letter is left.
 */
export function spokenCallerName(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  let s = raw
    .normalize('NFC')
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/[\u2010-\u2014]/g, '-')
    .replace(/[^\p{L}\p{M}' -]+/gu, ' ')
    .replace(/\s+/g, ' ')
    // Hyphens and apostrophes only inside a word ("Mary-Jane", "O'Brien").
    .replace(/(^|\s)['-]+/g, '$1')
    .replace(/['-]+(?=\s|$)/g, '')
    .trim();
  if (s.length > CALLER_NAME_MAX_CHARS) {
    const cut = s.slice(0, CALLER_NAME_MAX_CHARS + 1);
    const space = cut.lastIndexOf(' ');
    s = (space > 0 ? cut.slice(0, space) : cut.slice(0, CALLER_NAME_MAX_CHARS)).replace(/['-]+$/, '');
  }
  return /\p{L}/u.test(s) ? s : undefined;
}

/**
 * A salutation the greeting opens with, optionally followed by "there", then punctuation, "and"
 * or the end: the name goes right after the salutation. Anything else ("Hello Kitty Store, ...")
 * is not touched.
 */
const salutation =
  /^(\s*(?:hello|hi|hey|hiya|greetings|good\s+(?:morning|afternoon|evening|day)))(\s+there)?(?=\s*[,.!;:]|\s+and\b|\s*$)/i;

/** The agent's greeting for this caller; `name` must already be spokenCallerName's output. */
export function personalizeGreeting(greeting: string, name: string | undefined): string {
  if (hasPlaceholder.test(greeting)) {
    if (name) return greeting.replace(placeholder, () => name);
    return tidy(greeting.replace(placeholderWithSeparator, ''));
  }
  if (!name) return greeting;
  if (salutation.test(greeting)) return greeting.replace(salutation, (_m, word: string) => `${word} ${name}`);
  return `Hello ${name}. ${greeting.trimStart()}`;
}

/** After removing the placeholder: no separator left at the start, a capital first letter. */
function tidy(text: string): string {
  const s = text
    .replace(/^[\s,;:.!?-]+/, '')
    .replace(/ {2,}/g, ' ')
    .trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}
