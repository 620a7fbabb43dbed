import type { AgentView } from '../agents/schema.js';
import { builtins } from './builtins.js';
import { topicWords } from './grounding.js';
import { normalize } from './text.js';

/** Knowledge sentences added to the phrases (the per-agent language model's corpus), at most. */
const MAX_KNOWLEDGE_SENTENCES = 1500;

/**
 * Phrases that bias speech recognition towards what callers of this agent say: intent examples,
 * FAQ questions, names from the facts (street, business words) and knowledge titles. Lower-case,
 * de-duplicated, at most `max` (default 500) phrases, most specific first. Then, when given, the
 * sentences of the knowledge documents (at most 1500): with them the recogniser builds the
 * agent's language model (models/stt/agent-lm.ts) from the business's own wording.
 */
export function sttPhrases(
  agent: AgentView,
  extra: {
    businessName?: string;
    knowledgeTitles?: readonly string[];
    /** Text of the knowledge chunks (documents as uploaded). */
    knowledgeText?: readonly string[];
  } = {},
  max = 500,
): string[] {
  const out = new Set<string>();
  const add = (s: string): void => {
    const n = normalize(s, true).replace(/[$:.]/g, ' ').replace(/\s+/g, ' ').trim();
    if (n && n.length <= 120) out.add(n);
  };
  if (extra.businessName) add(extra.businessName);
  add(agent.personality.name);
  for (const i of agent.intents) i.examples.forEach(add);
  for (const f of agent.faqs) add(f.question);
  for (const t of extra.knowledgeTitles ?? []) add(t);
  // Proper nouns and rare words of the business's data: street names, product names.
  const words = [
    agent.facts.address,
    agent.facts.hoursNote,
    ...agent.faqs.map((f) => f.answer),
    ...(extra.knowledgeTitles ?? []),
  ].flatMap(topicWords);
  for (const w of words) add(w);
  for (const b of builtins) if (b.name !== 'out_of_scope') b.examples.forEach(add);
  const phrases = [...out].slice(0, max);
  // FAQ answers and the documents are statements in the business's own words: LM corpus.
  const sentences = new Set<string>();
  for (const t of [...agent.faqs.map((f) => f.answer), ...(extra.knowledgeText ?? [])])
    for (const piece of t.split(/(?<=[.?!])\s+|\n+/)) {
      const n = normalize(piece, true).replace(/\s+/g, ' ').trim();
      if (n && n.length <= 300 && !out.has(n)) sentences.add(n);
      if (sentences.size >= MAX_KNOWLEDGE_SENTENCES) break;
    }
  return [...phrases, ...sentences];
}

/** A JSGF grammar of the phrases, for recognisers that take one (pocketsphinx). */
export function sttGrammar(phrases: readonly string[], name = 'agent'): string {
  const alts = phrases
    .map((p) => p.replace(/[^a-z0-9 ']/g, '').trim())
    .filter(Boolean)
    .join(' | ');
  return `#JSGF V1.0;\ngrammar ${name};\npublic <utterance> = ${alts || 'hello'};\n`;
}
