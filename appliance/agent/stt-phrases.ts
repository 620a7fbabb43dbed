import type { AgentView } from '../agents/schema.js';
import { builtins } from './builtins.js';
import { topicWords } from './grounding.js';
import { normalize } from './text.js';

/**
 * Phrases that bias speech recognition towards what callers of this agent say: intent examples,
 * FAQ questions, names from the facts (street, business words) and knowledge titles. Lower-case,
 * de-duplicated, at most `max` (default 500) phrases, most specific first.
 */
export function sttPhrases(
  agent: AgentView,
  extra: { businessName?: string; knowledgeTitles?: readonly string[] } = {},
  max = 500,
): string[] {
  const out = new Set<string>();
  const add = (s: string): void => {
    const n = normalize(s).replace(/[$:.]/g, ' ').replace(/\s+/g, ' ').trim();
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
  return [...out].slice(0, max);
}

/** A JSGF grammar of the phrases, for recognisers that take one (pocketsphinx). */
export function sttGrammar(phrases: readonly string[], name = 'agent'): string {
  const alts = phrases
    .map((p) => p.replace(/[^a-z0-9 ']/g, '').trim())
    .filter(Boolean)
    .join(' | ');
  return `#JSGF V1.0;\ngrammar ${name};\npublic <utterance> = ${alts || 'hello'};\n`;
}
