/**
 * Is the caller's text so far a complete question? Read at a short pause (the early STT result,
 * see utterance.ts and turn-end.ts) to decide whether the turn can end before the endpointer's
 * silence window is over.
 *
 * Deliberately conservative: only a question (a wh-word or an auxiliary first, as callers ask
 * "what are your opening hours", "do you take walk-ins") of at least three words counts, and only
 * when its last word cannot end a phrase: a conjunction, article, possessive, preposition, filler,
 * a bare auxiliary or wh-word, an auxiliary's subject ("can I", "do you"), a verb still waiting
 * for its object ("do you have", "can you tell me"). Statements and requests ("I'd like to book an
 * appointment") always wait for the silence window: they are often continued ("... for Tuesday").
 * A false cut-off (the agent answers half a question) costs far more than 300 ms of waiting.
 *
 * Two cues read the early transcript as a recognizer's guess rather than as clean text: a question
 * made only of function words and light verbs ("what is there", "how much does there", "what it
 * take") has nothing the agent could answer, and at a pause it is most often a misheard trailing
 * article or auxiliary; a yes/no question that ends on a verb that needs its object ("do you
 * offer", "can you help", "do you take") is still open. Both wait for the silence window.
 *
 * Input is an STT transcript: lower or mixed case, usually without punctuation.
 */

export type IncompleteWhy =
  | 'empty'
  | 'too-short'
  | 'not-a-question'
  | 'trailing-word'
  | 'dangling-subject'
  | 'open-object'
  | 'no-content';

export type TurnVerdict =
  { readonly kind: 'complete' } | { readonly kind: 'incomplete'; readonly why: IncompleteWhy };

/** A question has at least this many words ("what time is it", "are you open"), words. */
const MIN_QUESTION_WORDS = 3;

const WH = new Set([
  'what',
  "what's",
  'whats',
  'when',
  "when's",
  'where',
  "where's",
  'how',
  "how's",
  'who',
  "who's",
  'which',
  'why',
  'whose',
]);
const AUX = new Set([
  'do',
  'does',
  'did',
  'is',
  'are',
  'was',
  'were',
  'can',
  'could',
  'would',
  'will',
  'should',
  'may',
  'might',
  'must',
  'have',
  'has',
  'had',
  'shall',
  "isn't",
  "aren't",
  "don't",
  "doesn't",
  "can't",
]);
/** Words said before a question that do not change it ("so, what are your hours"). */
const LEAD_IN = new Set([
  'and',
  'so',
  'also',
  'um',
  'uh',
  'er',
  'erm',
  'hmm',
  'ah',
  'oh',
  'okay',
  'ok',
  'yes',
  'yeah',
  'no',
  'hi',
  'hello',
  'hey',
  'well',
  'right',
  'alright',
  'sorry',
  'then',
  'but',
  'please',
  'actually',
]);
/** A phrase never ends on these: the caller is still building it. */
const TRAILING = new Set([
  // conjunctions and subordinators
  'and',
  'or',
  'but',
  'so',
  'because',
  'cause',
  'if',
  'that',
  'which',
  'than',
  'as',
  'whether',
  'while',
  // articles, determiners, possessives
  'the',
  'a',
  'an',
  'my',
  'your',
  'our',
  'their',
  'his',
  'her',
  'its',
  'this',
  'these',
  'those',
  'some',
  'any',
  'every',
  'each',
  'another',
  'other',
  'no',
  'much',
  'many',
  'more',
  'few',
  // prepositions
  'to',
  'of',
  'for',
  'about',
  'with',
  'in',
  'on',
  'at',
  'from',
  'by',
  'into',
  'like',
  'after',
  'before',
  'until',
  'over',
  'under',
  'between',
  'during',
  'without',
  'per',
  'around',
  // fillers and hedges
  'um',
  'uh',
  'er',
  'erm',
  'hmm',
  'mm',
  'ah',
  'eh',
  'well',
  'actually',
  'basically',
  'just',
  'maybe',
  'kind',
  'sort',
  'really',
  'also',
  'very',
  // bare auxiliaries, copulas, wh-words
  ...AUX,
  ...WH,
  'be',
  'been',
  'being',
  'am',
  // verbs still waiting for their object
  'get',
  'want',
  'need',
  'book',
  'make',
  'know',
  'ask',
  'tell',
  'give',
  'bring',
  'find',
  'say',
  'mean',
  'wondering',
  'wonder',
  'looking',
  'trying',
  'going',
  'able',
  'possible',
]);
/**
 * After an auxiliary these are its subject: "can I", "do you", "what time do they", "how much
 * does it" (but "what time is it" is whole: a copula is not in VERB_AUX).
 */
const SUBJECTS = new Set([
  'it',
  'that',
  'this',
  'i',
  'you',
  'we',
  'they',
  'he',
  'she',
  'someone',
  'somebody',
  'one',
]);
/** Auxiliaries that take a subject then a verb (unlike "where are you", which is whole). */
const VERB_AUX = new Set([
  'do',
  'does',
  'did',
  'can',
  'could',
  'would',
  'will',
  'should',
  'may',
  'might',
  'must',
  'shall',
  "don't",
  "doesn't",
  "can't",
]);
/** "can you tell me", "could you give us": the object is still to come. */
const TELLING = new Set(['tell', 'show', 'give', 'send', 'let', 'text', 'email', 'remind', 'ask']);

/**
 * Verbs that take an object: a yes/no question ending on one right after its subject ("do you
 * offer", "can I use") is still waiting for it. Wh-questions front their object ("what do you
 * offer") and are whole.
 */
const OBJECT_VERBS = new Set([
  'help',
  'take',
  'offer',
  'sell',
  'accept',
  'fix',
  'see',
  'use',
  'carry',
  'recommend',
  'provide',
  'handle',
  'buy',
  'order',
  'check',
  'change',
  'cancel',
  'reschedule',
  'leave',
  'send',
  'do',
  'have',
  'get',
  'make',
]);
/**
 * Words that carry no content of their own: with TRAILING, SUBJECTS and LEAD_IN, a question made
 * only of these ("what is there") has nothing to answer. Light verbs count here too.
 */
const LIGHT = new Set([
  'there',
  'here',
  'me',
  'us',
  'them',
  'him',
  'not',
  'now',
  'then',
  'take',
  'go',
  'come',
  'put',
  'let',
  'got',
  'done',
  'did',
  'gonna',
  'wanna',
]);

/** Lower-case words; punctuation other than apostrophes dropped, STT filler tags (`<sil>`, `[noise]`) removed. */
export function turnWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/<[^>]*>|\[[^\]]*\]|\([^)]*\)/g, ' ')
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter(Boolean);
}

export function turnVerdict(text: string): TurnVerdict {
  const all = turnWords(text);
  if (all.length === 0) return { kind: 'incomplete', why: 'empty' };
  const last = all.at(-1) ?? '';
  const prev = all.at(-2) ?? '';
  if (TRAILING.has(last)) return { kind: 'incomplete', why: 'trailing-word' };
  if (SUBJECTS.has(last) && VERB_AUX.has(prev)) return { kind: 'incomplete', why: 'dangling-subject' };
  if ((last === 'me' || last === 'us') && TELLING.has(prev))
    return { kind: 'incomplete', why: 'open-object' };
  let i = 0;
  while (i < all.length - 1 && LEAD_IN.has(all[i] ?? '')) i++;
  if (all[i] === 'excuse' && all[i + 1] === 'me') i += 2;
  const words = all.slice(i);
  const first = words[0] ?? '';
  if (!WH.has(first) && !AUX.has(first)) return { kind: 'incomplete', why: 'not-a-question' };
  if (words.length < MIN_QUESTION_WORDS) return { kind: 'incomplete', why: 'too-short' };
  if (AUX.has(first) && SUBJECTS.has(prev) && OBJECT_VERBS.has(last))
    return { kind: 'incomplete', why: 'open-object' };
  const content = (w: string): boolean =>
    !TRAILING.has(w) && !SUBJECTS.has(w) && !LEAD_IN.has(w) && !LIGHT.has(w) && !/^\d+$/.test(w);
  if (!words.slice(1).some(content)) return { kind: 'incomplete', why: 'no-content' };
  return { kind: 'complete' };
}
