import type { AgentView } from '../agents/schema.js';
import { builtins, type BuiltinIntent } from './builtins.js';
import { IntentIndex, type IntentCandidate } from './classifier.js';
import type { KnowledgeBook, SourceChunk } from './book.js';
import { inThreadBooks, type BookBuilder } from './book-build.js';
import type { KnowledgeGraph } from './graph/extract.js';
import { groundingSet } from './grounding.js';
import type { Wordnet } from './lexicon/wordnet.js';
import type { Embedder } from './types.js';

/**
 * An agent compiled for conversations: its configuration, intent index (built-ins + custom
 * intents + FAQ questions) and the numbers its own data contains (for the grounding guard).
 * Built by training and cached by (agent id, version); built on first use when not trained.
 */
export interface CompiledAgent {
  agent: AgentView;
  businessId: string;
  businessName: string;
  timeZone: string;
  index: IntentIndex;
  /** Numbers stated anywhere in the agent's configuration. */
  grounded: Set<string>;
  /** The texts the numbers came from, for an LLM prompt. */
  factLines: string[];
  /** The business's documents, sentence by sentence (empty without documents). */
  book: KnowledgeBook;
  /** Entities and relations extracted from the book. */
  graph: KnowledgeGraph;
  /** knowledge_bases.index_version the book was read at. */
  knowledgeVersion: number;
}

export function intentCandidates(agent: AgentView): IntentCandidate[] {
  const custom = new Set(agent.intents.map((i) => i.name));
  const out: IntentCandidate[] = builtins
    .filter((b) => !custom.has(b.name))
    .map((b) => ({
      name: b.name,
      label: b.label,
      kind: 'builtin' as const,
      examples: b.examples,
      ...(b.cue ? { cue: b.cue } : {}),
      ...(b.cueWeight !== undefined ? { cueWeight: b.cueWeight } : {}),
      ...(b.helper ? { helper: true } : {}),
    }));
  for (const i of agent.intents)
    out.push({
      name: i.name,
      label: i.label || `to ${i.name.replace(/_/g, ' ')}`,
      kind: 'custom',
      examples: i.examples,
    });
  agent.faqs.forEach((f, faqIndex) =>
    out.push({
      name: 'question',
      label: `to know "${f.question.replace(/\?$/, '')}"`,
      kind: 'faq',
      examples: [f.question],
      faqIndex,
    }),
  );
  return out;
}

/** Lines of plain facts, as an LLM prompt states them. */
export function factLines(agent: AgentView, businessName: string): string[] {
  const f = agent.facts;
  const lines = [`Business: ${businessName}`];
  for (const h of f.hours) lines.push(`Open ${h.days.join(', ')}: ${h.open}-${h.close}`);
  if (f.hoursNote) lines.push(`Hours note: ${f.hoursNote}`);
  if (f.address) lines.push(`Address: ${f.address}`);
  if (f.phone) lines.push(`Phone: ${f.phone}`);
  if (f.email) lines.push(`Email: ${f.email}`);
  if (f.website) lines.push(`Website: ${f.website}`);
  for (const q of agent.faqs) lines.push(`Q: ${q.question} A: ${q.answer}`);
  for (const i of agent.intents) if (i.response) lines.push(`${i.name}: ${i.response}`);
  return lines;
}

export async function compileAgent(
  agent: AgentView,
  business: { id: string; name: string; timeZone: string },
  opts: {
    embedder?: Embedder;
    temperature: number;
    chunks?: readonly SourceChunk[];
    lexicon?: Wordnet | undefined;
    /** Who reads the chunks into the book and graph; default on this thread with `lexicon`. */
    books?: BookBuilder;
    knowledgeVersion?: number;
  },
): Promise<CompiledAgent> {
  const candidates = intentCandidates(agent);
  let index: IntentIndex;
  try {
    index = await IntentIndex.build(candidates, {
      ...(opts.embedder ? { embedder: opts.embedder } : {}),
      temperature: opts.temperature,
    });
  } catch {
    // An embedder without weights (or failing) must not take the agent down: words still work.
    index = await IntentIndex.build(candidates, { temperature: opts.temperature });
  }
  const lines = factLines(agent, business.name);
  const built = await (opts.books ?? inThreadBooks(opts.lexicon)).build(opts.chunks ?? [], business.name);
  const { book, graph } = built;
  const grounded = groundingSet([...lines, agent.greeting, agent.behaviour.goodbye]);
  for (const n of built.grounded) grounded.add(n);
  return {
    book,
    graph,
    knowledgeVersion: opts.knowledgeVersion ?? 0,
    agent,
    businessId: business.id,
    businessName: business.name,
    timeZone: business.timeZone,
    index,
    grounded,
    factLines: lines,
  };
}

export type { BuiltinIntent };
