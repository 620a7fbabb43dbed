/**
 * An utterance asked as a whole and clause by clause: several questions in one breath ("Is
 * there a lift? I use crutches."), a clause that points back at what the whole names, and a
 * thing named then described ("the paint protection film, the clear wrap that ..."). Each
 * reading is selected by `selectIn` (answer-select.ts); the best answer wins.
 */
import { callerPlace, selectIn, type Selection } from './answer-select.js';
import type { BookSentence, KnowledgeBook } from './book.js';
import { coverage, type QueryWord } from './coverage.js';
import type { KnowledgeGraph } from './graph/extract.js';
import { agesIn, statesAgeLimit } from './price-age.js';
import type { QuestionShape } from './question-type.js';
import { namesNothing, subjectWords } from './question-subject.js';

/**
 * The clauses of an utterance that ask something ("Is there a lift? I use crutches." -> "Is
 * there a lift"), when there are several: context clauses add words the data need not have.
 */
export function questionClauses(text: string): string[] {
  const parts = text
    .split(
      /[?.!;]+|,\s*(?:but|and|so)?\s*(?=(?:what|when|where|who|how|which|is|are|do|does|can|could|will|would)\b)/i,
    )
    .map((p) => p.trim())
    .filter((p) => p.split(/\s+/).length >= 2);
  if (parts.length < 2) return [];
  return parts.filter((p) =>
    /^(?:(?:and|but|so|also|hello|hi|ok|okay|well)\s+)?(what|when|where|who|how|which|why|is|are|do|does|did|can|could|will|would|should|may|have|has)\b/i.test(
      p,
    ),
  );
}

/**
 * Words by which a clause points back at what the rest of the utterance told of: a thing
 * ("move that", "one of those") or a person ("teach her", "see him"); "that", "this", "it" and
 * "them" do both.
 */
const pointing = (own: string): RegExp => new RegExp(String.raw`\b(?:that|this|it|them|${own})\b`, 'i');
const pointsBack = pointing('those|these|one');
const pointsToPerson = pointing('her|him|she|he|they');

/**
 * A price question naming a thing and then describing it after a comma ("How much is the paint
 * protection film, the clear wrap that goes on the front of the car?"): the question with the
 * name, and the description asked as a price question of its own.
 */
function apposition(text: string): { name: string; described: string } | undefined {
  const m =
    /^(.*\b(?:how much|price|cost|charge)\b[^,]*?),\s+((?:the|a|an|one of those|those)\s+[^,]+?)\s*[?.!]*$/i.exec(
      text.trim(),
    );
  return m ? { name: `${m[1]!}?`, described: `How much is ${m[2]!}?` } : undefined;
}

/** The book sentence a selection leads with ("book:12"), if any. */
function lead(book: KnowledgeBook, sel: Selection): BookSentence | undefined {
  const m = /^book:(\d+)$/.exec(sel.source);
  return m ? book.sentences[Number(m[1])] : undefined;
}

/**
 * A clause scores above the whole for having fewer words to cover; within this share of the
 * clause's score, the whole's answer (what the rest of the utterance also chose) is kept.
 */
const CLAUSE_EDGE = 0.95;

/**
 * Whether the whole utterance's answer covers a clause's words as well as the clause's own
 * answer does, and scores nearly as high.
 */
function answersClauseToo(
  book: KnowledgeBook,
  whole: Selection,
  clause: Selection,
  words: { subject: QueryWord[]; all: QueryWord[] },
): boolean {
  const asked = words.subject.length ? words.subject : words.all;
  const a = whole.kind === 'answer' ? lead(book, whole) : undefined;
  const b = lead(book, clause);
  if (!a || !b || !asked.length) return false;
  const covers = (s: BookSentence): number => coverage(asked, s.terms, s.headingTerms);
  return covers(a) >= covers(b) - 1e-9 && whole.score >= clause.score * CLAUSE_EDGE;
}

/** Words for young people in a sentence ("for younger bowlers", "children's lessons"). */
const youngPeople =
  /\b(?:younger|young (?:children|ones|people)|children|kids|juniors?|little ones|toddlers)\b/i;

/** Selection over the whole utterance and each question clause of it; the best answer wins. */
export function selectAnswer(
  book: KnowledgeBook,
  graph: KnowledgeGraph,
  text: string,
  shape: QuestionShape,
  questionShapeOf?: (t: string) => QuestionShape,
): Selection {
  const whole = selectIn(book, graph, text, shape);
  const named = whole.kind === 'answer' && shape.type === 'price' ? apposition(text) : undefined;
  if (named) {
    // "How much is the paint protection film, the clear wrap that goes on the front?": the thing
    // by its name, then described. When neither finds a price on its own, the words of both
    // together ("protection", "front") only find another item's.
    const byName = selectIn(book, graph, named.name, shape);
    if (byName.kind === 'not-in-data' && selectIn(book, graph, named.described, shape).kind !== 'answer')
      return byName;
  }
  let best = whole;
  let wholeWords: number | undefined;
  for (const clause of questionClauses(text)) {
    // "..., will she find something?": "she" points back at whom the rest told of, as "that" does.
    const own =
      pointsBack.test(clause) || pointsToPerson.test(clause)
        ? subjectWords(book, clause, shape).subject.length
        : undefined;
    // "Who's best for that?" after "my son's got keratoconus": a clause that points back and
    // names nothing itself is asked by the whole utterance, not on its own.
    if (own === 0) continue;
    // "I'm covered through work with Vitality, can I use that?": a clause that points back with
    // one word of its own ("use", "pay") asks about what the rest names; alone any sentence with
    // "using" would answer it.
    if (own === 1 && (wholeWords ??= subjectWords(book, text, shape).subject.length) >= 3) continue;
    // "I'm in Barnsley, do you come out there?": the place told before the question is what the
    // question asks about; the clause alone has lost it.
    if (whole.kind === 'answer' && callerPlace.test(text) && !callerPlace.test(clause)) continue;
    const clauseShape = questionShapeOf ? questionShapeOf(clause) : shape;
    // "I want to change my cleaning day, who should I talk to?": whom to ask about what the
    // rest names; alone it names nobody's work, and any person's line would do.
    if (clauseShape.type === 'who' && subjectWords(book, clause, clauseShape).subject.length === 0) continue;
    // "My mum speaks Gujarati, can anyone teach her?": the clause's person is the one the
    // whole utterance describes; alone it finds anyone who teaches.
    if (clauseShape.type === 'who' && whole.kind === 'answer' && pointsToPerson.test(clause)) continue;
    // "We've got an upright piano. What's the extra to move that?": the price of what it points
    // back to, which the whole utterance names; the clause's own words only say what is paid
    // ("how much to sort it out?" alone would find the "call-out").
    if (
      pointsBack.test(clause) &&
      clauseShape.type === 'price' &&
      (whole.kind === 'answer' || namesNothing(clause))
    )
      continue;
    // "I'm 16, can I get a tattoo?": the age told before the question is what an age limit the
    // whole found decides; the clause alone has lost it. So does a line for young people ("My
    // son is only 5, will he be able to bowl?" of "bumpers ... for younger bowlers").
    if (
      whole.kind === 'answer' &&
      agesIn(text) !== undefined &&
      agesIn(clause) === undefined &&
      (statesAgeLimit.test(whole.sentences.join(' ')) ||
        ((agesIn(text) ?? Infinity) < 16 && youngPeople.test(whole.sentences.join(' '))))
    )
      continue;
    const sel = selectIn(book, graph, clause, clauseShape);
    if (sel.kind !== 'answer' || (best.kind === 'answer' && sel.score <= best.score)) continue;
    // "We're moving away, so she'll be leaving. How far ahead do I have to tell you?": the whole's
    // answer ("... when you leave, as long as you give two months of notice") answers the clause
    // as well as the clause's own ("Fees are invoiced monthly in advance"); the rest of the
    // utterance said which one. The clause alone scores higher only for having fewer words.
    if (best === whole && answersClauseToo(book, whole, sel, subjectWords(book, clause, clauseShape)))
      continue;
    best = sel;
  }
  return best;
}
