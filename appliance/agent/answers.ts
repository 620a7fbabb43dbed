import { namesPerson } from './answer-people.js';
import { selectAnswer } from './answer-clauses.js';
import type { Selection } from './answer-select.js';
import type { KnowledgeBook } from './book.js';
import type { Classification } from './classifier.js';
import type { CompiledAgent } from './compile.js';
import { bestSentences, coverage, specificWords, topicWords } from './grounding.js';
import { hasDuration } from './durations.js';
import { questionShape } from './question-type.js';
import { contentTokens, splitSentences } from './text.js';
import type { KnowledgePassage, KnowledgeSearch } from './types.js';

/**
 * Finds the answer to a question in the business's data: the FAQ pair or knowledge passage
 * that covers the question's specific words best (generic words such as "cost" or "time" do
 * not count alone), with a bonus when the question asks for a price and the answer has one.
 * The score is comparable with an intent's example coverage, so the policy can tell "how much
 * notice do I need to cancel" (a question) from "I need to cancel my appointment" (an intent).
 */

export interface Answer {
  kind: 'faq' | 'knowledge';
  sentences: string[];
  /** Coverage-based relevance, about 0..1.5. */
  score: number;
  source: string;
  /** Words that name what was asked about, for follow-ups. */
  topic: string;
}

/** Least score for an answer to be said at all. */
export const minAnswerScore = 0.5;

const priceQuestion = /\b(how much|price|prices|cost|costs|charge|fee|fees|expensive|cheap)\b/i;
const hasPrice = /[$€£]\s?\d|\b\d+(\.\d+)?\s?(dollars|euros|pounds)\b/i;
const durationQuestion = /\b(how long|duration|take)\b/i;

function bonus(query: string, text: string): number {
  let b = 0;
  if (priceQuestion.test(query) && hasPrice.test(text)) b += 0.3;
  if (durationQuestion.test(query) && hasDuration.test(text)) b += 0.2;
  return b;
}

/** How well a text covers the query: specific words when there are any, else all content words. */
export function relevance(query: string, text: string): number {
  const words = [...new Set(contentTokens(query))];
  const specific = specificWords(words);
  const cov = coverage(specific.length ? specific : words, text);
  return cov > 0 ? cov + bonus(query, text) : 0;
}

/**
 * Callers name a business by its trade or its kind of place ("is that the dentist?", "the animal
 * hospital?", "the locksmith?"): the last word of what they named, when WordNet (`isA`) knows it
 * as an organisation, a facility or a professional. Not any person ("is that the manager?").
 */
function tradeOrPlace(asked: readonly string[], book?: Pick<KnowledgeBook, 'isA'>): boolean {
  const head = asked[asked.length - 1];
  return !!head && !!book && tradeKinds.some((a) => book.isA(head, a));
}

/** WordNet hypernyms of what callers call a business by: its kind of place or its trade. */
const tradeKinds = ['organization', 'facility', 'professional', 'skilled worker'];

/** The identity check: the whole query, or its first question when what follows asks nothing. */
function identityPart(query: string): string {
  const q = query.trim();
  const cut = q.indexOf('?');
  return cut >= 0 && !q.slice(cut + 1).includes('?') ? q.slice(0, cut) : q;
}

/**
 * "Is this the pizza place?", "Am I speaking to Riverside Physio?": a caller checking whom they
 * reached is told the business's name, with a yes when what they named is in it.
 */
export function identityAnswer(
  businessName: string,
  query: string,
  book?: Pick<KnowledgeBook, 'isA'>,
): Answer | undefined {
  // "Is that the dentist's? I need to move my appointment": the check comes first, and what
  // the caller wants of the business they meant to reach follows it.
  const m =
    /^(?:(?:hi|hello|hey|good (?:morning|afternoon|evening)|sorry|excuse me)\W+)*(?:is (?:this|that|it)|am i (?:speaking|talking) (?:to|with)|have i (?:reached|got|called|come through to)|are you)\s+(.+?)\W*$/i.exec(
      identityPart(query),
    );
  // "Is this the place that fixes iPhones?" describes what the caller wants, not whom.
  if (!m?.[1] || !businessName || /\b(?:that|which|who|where)\b/i.test(m[1])) return undefined;
  const asked = contentTokens(m[1]);
  const name = new Set(contentTokens(businessName));
  // "Are you open?" / "is this expensive?" ask something else: the named thing must be a place or
  // a business ("the pizza place", "the dental surgery") or share a word with the name.
  let trade = false;
  const named =
    asked.some((w) => name.has(w)) ||
    (/^(?:the|a|an)\s/i.test(m[1]) &&
      /\b(place|shop|store|surgery|clinic|practice|office|company|restaurant|bistro|cafe|salon|garage|pharmacy|bakery|firm|centre|center|studio|agency|hotel|bar|pub)\b/i.test(
        m[1],
      )) ||
    /^(?:the\s+)?(?:[A-Z][\w'&.-]*\s*)+$/.test(m[1]) ||
    (trade = /^(?:the|a|an)\s/i.test(m[1]) && tradeOrPlace(asked, book));
  if (!named || asked.length === 0) return undefined;
  const yes = asked.filter((w) => name.has(w)).length >= Math.ceil(asked.length / 2);
  // A trade or kind of place the name does not say ("the dentist"): whether it is this business
  // is not for a word match to decide (its page may name a dentist next door), so the caller
  // hears whom they reached and judges.
  return {
    kind: 'knowledge',
    sentences: [
      yes
        ? `Yes, this is ${businessName}.`
        : trade
          ? `This is ${businessName}.`
          : `No, this is ${businessName}.`,
    ],
    score: 1.2,
    source: 'identity',
    topic: businessName,
  };
}

export async function findAnswer(
  agent: CompiledAgent,
  knowledge: KnowledgeSearch | undefined,
  query: string,
  cls: Classification | undefined,
): Promise<{ answer: Answer | undefined; passages: KnowledgePassage[]; notInData?: Selection }> {
  const words = [...new Set(contentTokens(query))];
  if (words.length === 0) return { answer: undefined, passages: [] };
  let best: Answer | undefined;
  const consider = (a: Answer): void => {
    if (!best || a.score > best.score) best = a;
  };

  agent.agent.faqs.forEach((f, i) => {
    const sim = cls?.ranked.find((r) => r.candidate.faqIndex === i)?.score ?? 0;
    // What the FAQ is about is its question; its answer only adds supporting words.
    const score =
      0.5 * relevance(query, f.question) +
      0.5 * relevance(query, `${f.question} ${f.answer}`) +
      0.25 * Math.min(1, sim);
    if (score <= 0.25) return;
    const all = splitSentences(f.answer);
    const chosen = all.length > 3 ? bestSentences(query, f.answer, 2).map((s) => s.text) : all;
    consider({
      kind: 'faq',
      sentences: chosen.length ? chosen : all.slice(0, 2),
      score,
      source: `faq:${i}`,
      topic: topicWords(f.question).join(' '),
    });
  });

  const identity = identityAnswer(agent.businessName, query, agent.book);
  if (identity) consider(identity);

  let passages: KnowledgePassage[] = [];
  if (knowledge) {
    try {
      passages = await knowledge.query(agent.businessId, query, { k: 4 });
    } catch {
      passages = [];
    }
  }
  // The documents read sentence by sentence (answer-select.ts) when the agent has them; the
  // search's passages then only feed an LLM prompt.
  let notInData: Selection | undefined;
  // Passages still answer what the sentence selection did not, except prices: those come from
  // the graph's item relations or not at all.
  let readPassages = agent.book.size === 0;
  const shape = questionShape(query);
  if (agent.book.size > 0) {
    const sel = selectAnswer(agent.book, agent.graph, query, shape, questionShape);
    readPassages = sel.kind !== 'answer' && shape.type !== 'price';
    if (sel.kind === 'answer')
      consider({
        kind: 'knowledge',
        sentences: sel.sentences,
        score: sel.score,
        source: sel.source,
        topic: sel.topic,
      });
    else if (sel.kind === 'not-in-data') notInData = sel;
  }
  for (const p of readPassages ? passages : []) {
    const picked = bestSentences(query, p.text, 2);
    if (!picked.length) continue;
    // "Who ...?" is answered by a sentence naming someone, never by one that only shares a word.
    if (shape.type === 'who' && !picked.some((s) => namesPerson(s.text))) continue;
    const sentenceScore = Math.max(...picked.map((s) => s.score));
    const whole = relevance(query, `${p.title} ${p.text}`);
    const said = picked.map((s) => s.text).join(' ');
    // What the documents lack ("scooters") must be in a passage's answer for it to count.
    const saidWords = new Set(contentTokens(`${p.title} ${p.text}`));
    if (notInData && !contentTokens(notInData.missingWords ?? '').every((w) => saidWords.has(w))) continue;
    const score = 0.5 * whole + 0.5 * Math.min(1, sentenceScore) + bonus(query, said) * 0.5;
    consider({
      kind: 'knowledge',
      sentences: picked.map((s) => s.text),
      score,
      source: `knowledge:${p.chunkId}`,
      topic: topicWords(said).slice(0, 6).join(' '),
    });
  }
  const answer = best && (best as Answer).score >= minAnswerScore ? (best as Answer) : undefined;
  // A FAQ pair that answers it outranks "not in the documents".
  return { answer, passages, ...(notInData && !answer ? { notInData } : {}) };
}
