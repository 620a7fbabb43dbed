import { adversarialCue } from './builtins.js';
import { findAnswer, relevance, type Answer } from './answers.js';
import type { Classification, RankedIntent } from './classifier.js';
import type { CompiledAgent } from './compile.js';
import { specificWords, topicWords } from './grounding.js';
import { describeHours, openNow } from './hours.js';
import { extractMessageText, extractName, extractPhone } from './slots.js';
import type { ConversationState } from './state.js';
import { contentTokens, dayMentioned, normalize, splitSentences } from './text.js';
import type { KnowledgePassage, KnowledgeSearch, ReplyAction, TakenMessage } from './types.js';

/**
 * The rule-and-retrieval dialogue policy: what to do and say without any LLM. It reads the
 * classification, the dialogue state and the business's data, and returns a plan (sentences,
 * actions, the intent it acted on, where the facts came from) plus the next state.
 */

export interface PlannedAction {
  action: ReplyAction;
  target?: string;
  message?: TakenMessage;
}

export interface Plan {
  sentences: string[];
  actions: PlannedAction[];
  intent: string;
  confidence: number;
  grounded: boolean;
  sources: string[];
  state: ConversationState;
  /** The utterance asks something the data may answer: an LLM may improve on this plan. */
  llmEligible: boolean;
  /** Knowledge passages consulted, for an LLM prompt. */
  passages: KnowledgePassage[];
}

export interface PolicyInput {
  agent: CompiledAgent;
  state: ConversationState;
  text: string;
  alternatives: readonly string[];
  classify(text: string): Promise<Classification>;
  knowledge: KnowledgeSearch | undefined;
  now: Date;
  caller: string | null;
}

/** Confidence at or above which the top intent is acted on without asking. */
export const acceptConfidence = 0.55;
/** Similarity below which nothing known resembles the utterance. */
const minSimilarity = 0.3;

/** Price and duration questions are answered from data, never by an intent's canned response. */
const asksFigure = /\b(how much|how long|price of|cost of|costs?)\b/;
const anaphora = /\b(that|it|this|those|them|they|these|one)\b/;
const cancel = /\b(cancel|never ?mind|forget it|stop|no thanks)\b/;

export async function plan(input: PolicyInput): Promise<Plan> {
  const { agent, text } = input;
  const state: ConversationState = { ...input.state, callerTurns: input.state.callerTurns + 1 };
  const base = { state, actions: [], grounded: true, sources: [], llmEligible: false, passages: [] };
  const n = normalize(text);
  const reply = (p: Partial<Plan> & { sentences: string[]; intent: string; confidence?: number }): Plan => ({
    ...base,
    confidence: 1,
    ...p,
  });

  if (!n) {
    return reply({
      sentences: ["Sorry, I didn't catch that. Could you say it again?"],
      intent: 'unknown',
      confidence: 0,
    });
  }
  if (adversarialCue.test(n)) {
    state.pending = undefined;
    return reply({
      sentences: [
        `I'm sorry, I can't help with that.`,
        `I can answer questions about ${agent.businessName}, take a message or put you through to someone.`,
      ],
      intent: 'refuse',
    });
  }

  if (state.pending?.kind === 'message') {
    if (cancel.test(n)) {
      state.pending = undefined;
      return reply({ sentences: ['No problem. Is there anything else I can help with?'], intent: 'deny' });
    }
    return continueMessage(input, state, text, reply);
  }

  let cls = await input.classify(text);
  let used = text;
  let top = cls.ranked[0];
  // An STT alternative that is understood better than the best text wins.
  for (const alt of input.alternatives.slice(0, 3)) {
    if (!top || top.probability >= acceptConfidence) break;
    const c = await input.classify(alt);
    if (c.ranked[0] && c.ranked[0].probability > top.probability) [cls, top, used] = [c, c.ranked[0], alt];
  }
  if (!top) return unknown(input, state, reply, 0);
  const confident = top.probability >= acceptConfidence && cls.bestSimilarity >= minSimilarity * 0.5;
  const helper = top.candidate.helper === true;
  const words = contentTokens(used);
  const bestIntent = cls.ranked.find((r) => r.candidate.kind !== 'faq');
  // How well the best intent's nearest example covers what was said, on the answers' scale.
  const intentFit = bestIntent
    ? relevance(used, bestIntent.example) + 0.25 * Math.min(1, bestIntent.score)
    : 0;

  // "And on Sunday?" after an hours answer: nothing but a day is new.
  const day = dayMentioned(used, input.now, agent.timeZone);
  if (state.lastIntent === 'hours' && day && specificWords(words).every((w) => dayStems.has(w)))
    return answerHours(input, state, reply, Math.max(top.probability, 0.8), day);

  if (state.pending?.kind === 'offer') {
    const offer = state.pending.offer;
    if (top.candidate.name === 'affirm') {
      state.pending = undefined;
      return offer === 'transfer'
        ? transfer(input, state, reply, top.probability)
        : startMessage(input, state, used, reply, 'take_message');
    }
    if (top.candidate.name === 'deny') {
      state.pending = undefined;
      state.askedAnythingElse = true;
      return reply({
        sentences: ['Alright. Is there anything else I can help with?'],
        intent: 'deny',
        confidence: top.probability,
      });
    }
  }

  // "How much is that?": the question is about the last topic.
  if (state.lastTopic && anaphora.test(n) && !(helper && confident)) {
    const found = await findAnswer(agent, input.knowledge, `${used} ${state.lastTopic}`, cls);
    if (found.answer && (!confident || top.candidate.kind === 'faq' || found.answer.score > intentFit + 0.05))
      return sayAnswer(state, reply, found.answer, found.passages, state.lastTopic);
  }

  // A question the data answers better than any intent's examples fit.
  if (words.length > 0 && !(helper && confident)) {
    const found = await findAnswer(agent, input.knowledge, used, cls);
    if (
      found.answer &&
      (!confident ||
        top.candidate.kind === 'faq' ||
        found.answer.score > intentFit + 0.05 ||
        (asksFigure.test(n) && /\d/.test(found.answer.sentences.join(' '))))
    )
      return sayAnswer(
        state,
        reply,
        found.answer,
        found.passages,
        topicWords(used).join(' ') || found.answer.topic,
      );
    if (confident) {
      state.misunderstood = 0;
      return route(input, state, reply, top, used, found.passages);
    }
    const second = cls.ranked.find(
      (r) => r.candidate.label !== top.candidate.label && r.candidate.name !== top.candidate.name,
    );
    // Two plausible, different readings: ask rather than guess.
    if (
      second &&
      !helper &&
      !second.candidate.helper &&
      top.probability + second.probability >= 0.6 &&
      second.probability >= 0.2 &&
      cls.bestSimilarity >= minSimilarity
    ) {
      state.lastIntent = 'clarify';
      return reply({
        sentences: [`Sorry, did you want ${top.candidate.label} or ${second.candidate.label}?`],
        intent: 'clarify',
        confidence: top.probability,
      });
    }
    return unknown(input, state, reply, top.probability, found.passages);
  }
  if (confident) {
    state.misunderstood = 0;
    return route(input, state, reply, top, used, []);
  }
  return unknown(input, state, reply, top.probability);
}

const dayStems = new Set(
  [
    'monday',
    'tuesday',
    'wednesday',
    'thursday',
    'friday',
    'saturday',
    'sunday',
    'today',
    'tomorrow',
    'weekend',
    'tonight',
  ]
    .flatMap((d) => [d, `${d}s`])
    .flatMap((d) => contentTokens(d)),
);

function sayAnswer(
  state: ConversationState,
  reply: Reply,
  answer: Answer,
  passages: KnowledgePassage[],
  topic: string,
): Plan {
  state.lastIntent = 'question';
  state.lastTopic = topic;
  state.misunderstood = 0;
  state.askedAnythingElse = false;
  return reply({
    sentences: answer.sentences,
    intent: 'question',
    confidence: Math.min(1, answer.score),
    sources: [answer.source],
    llmEligible: true,
    passages,
  });
}

type Reply = (p: Partial<Plan> & { sentences: string[]; intent: string; confidence?: number }) => Plan;

async function route(
  input: PolicyInput,
  state: ConversationState,
  reply: Reply,
  top: RankedIntent,
  text: string,
  passages: KnowledgePassage[],
): Promise<Plan> {
  const { agent } = input;
  const c = top.candidate;
  const p = top.probability;
  const wasAskedAnythingElse = state.askedAnythingElse === true;
  state.askedAnythingElse = false;
  if (c.kind === 'custom') {
    const intent = agent.agent.intents.find((i) => i.name === c.name);
    state.lastIntent = c.name;
    if (!intent) return unknown(input, state, reply, p);
    if (intent.action === 'transfer') return transfer(input, state, reply, p, intent.response, c.name);
    if (intent.action === 'take_message')
      return startMessage(input, state, text, reply, c.name, intent.response);
    const sentences = splitSentences(intent.response);
    if (intent.action === 'end_call')
      return reply({
        sentences,
        intent: c.name,
        confidence: p,
        actions: [{ action: 'end_call' }],
        sources: [`intent:${c.name}`],
      });
    return reply({ sentences, intent: c.name, confidence: p, sources: [`intent:${c.name}`] });
  }
  if (c.kind === 'faq') {
    const faq = c.faqIndex !== undefined ? agent.agent.faqs[c.faqIndex] : undefined;
    // Similar wording ("how much does X cost") is not enough: the FAQ must be about what was asked.
    const specific = specificWords(contentTokens(text));
    if (!faq || (specific.length > 0 && relevance(text, `${faq.question} ${faq.answer}`) < 0.34))
      return unknown(input, state, reply, p, passages);
    const answer: Answer = {
      kind: 'faq',
      sentences: splitSentences(faq.answer).slice(0, 3),
      score: p,
      source: `faq:${c.faqIndex ?? 0}`,
      topic: topicWords(faq.question).join(' '),
    };
    return sayAnswer(state, reply, answer, passages, topicWords(text).join(' ') || answer.topic);
  }
  state.lastIntent = c.name;
  const f = agent.agent.facts;
  switch (c.name) {
    case 'greeting':
      return reply({ sentences: ['Hello! How can I help you today?'], intent: 'greeting', confidence: p });
    case 'thanks':
      state.askedAnythingElse = true;
      return reply({
        sentences: ["You're welcome! Is there anything else I can help with?"],
        intent: 'thanks',
        confidence: p,
      });
    case 'affirm':
      return reply({ sentences: ['Great. What can I help you with?'], intent: 'affirm', confidence: p });
    case 'deny':
      if (wasAskedAnythingElse) return goodbye(input, state, reply, p, 'deny');
      return reply({ sentences: ['Okay. What can I help you with?'], intent: 'deny', confidence: p });
    case 'goodbye':
      return goodbye(input, state, reply, p);
    case 'repeat': {
      state.lastIntent = input.state.lastIntent;
      const last = state.lastReply;
      if (!last?.length)
        return reply({
          sentences: ["I haven't said anything yet. How can I help?"],
          intent: 'repeat',
          confidence: p,
        });
      return reply({ sentences: last, intent: 'repeat', confidence: p, sources: ['repeat'] });
    }
    case 'hours':
      return answerHours(input, state, reply, p, dayMentioned(text, input.now, agent.timeZone));
    case 'location':
      if (!f.address) return dontKnow(input, state, reply, 'location', p, 'our address');
      return reply({
        sentences: [`We're at ${f.address.replace(/[.\s]+$/, '')}.`],
        intent: 'location',
        confidence: p,
        sources: ['facts.address'],
      });
    case 'contact': {
      const wantsEmail = /\be ?mail\b/.test(normalize(text));
      const wantsWeb = /\bweb ?site\b/.test(normalize(text));
      const s: string[] = [];
      if (wantsEmail && f.email) s.push(`Our email address is ${f.email}.`);
      else if (wantsWeb && f.website) s.push(`Our website is ${f.website}.`);
      else if (f.phone) s.push(`Our phone number is ${f.phone}.`);
      else if (f.email) s.push(`Our email address is ${f.email}.`);
      if (!s.length) return dontKnow(input, state, reply, 'contact', p, 'our contact details');
      return reply({ sentences: s, intent: 'contact', confidence: p, sources: ['facts.contact'] });
    }
    case 'transfer':
      return transfer(input, state, reply, p);
    case 'take_message':
      return startMessage(input, state, text, reply, 'take_message');
    case 'out_of_scope':
      return reply({
        sentences: [
          `I'm sorry, I can only help with questions about ${agent.businessName}.`,
          'Is there something about us I can help with?',
        ],
        intent: 'out_of_scope',
        confidence: p,
      });
    default:
      return unknown(input, state, reply, p);
  }
}

function answerHours(
  input: PolicyInput,
  state: ConversationState,
  reply: Reply,
  p: number,
  day: ReturnType<typeof dayMentioned>,
): Plan {
  const f = input.agent.agent.facts;
  state.lastIntent = 'hours';
  state.lastDay = day;
  const n = normalize(input.text);
  const sentences: string[] = [];
  if (/\b(now|right now|at the moment|currently)\b/.test(n)) {
    const open = openNow(f, input.now, input.agent.timeZone);
    if (open !== undefined) sentences.push(open ? "Yes, we're open right now." : "We're closed right now.");
  }
  const hours = describeHours(f, day);
  if (!hours) return dontKnow(input, state, reply, 'hours', p, 'our opening hours');
  sentences.push(...splitSentences(hours).slice(0, 2));
  return reply({ sentences, intent: 'hours', confidence: p, sources: ['facts.hours'] });
}

function transfer(
  input: PolicyInput,
  state: ConversationState,
  reply: Reply,
  p: number,
  response = '',
  intent = 'transfer',
): Plan {
  const target = input.agent.agent.facts.transferExtension;
  state.lastIntent = intent;
  if (!target) {
    state.pending = { kind: 'offer', offer: 'message' };
    return reply({
      sentences: [
        "I'm sorry, there's no one available to take your call right now.",
        'Would you like to leave a message?',
      ],
      intent,
      confidence: p,
    });
  }
  return reply({
    sentences: response
      ? splitSentences(response)
      : ['Of course. Let me put you through to a colleague now.'],
    intent,
    confidence: p,
    actions: [{ action: 'transfer', target }],
    sources: ['facts.transferExtension'],
  });
}

function goodbye(
  input: PolicyInput,
  state: ConversationState,
  reply: Reply,
  p: number,
  intent = 'goodbye',
): Plan {
  state.lastIntent = 'goodbye';
  state.ended = true;
  return reply({
    sentences: splitSentences(input.agent.agent.behaviour.goodbye),
    intent,
    confidence: p,
    actions: [{ action: 'end_call' }],
  });
}

function startMessage(
  input: PolicyInput,
  state: ConversationState,
  text: string,
  reply: Reply,
  intent: string,
  prompt = '',
): Plan {
  state.lastIntent = intent;
  const name = extractName(text);
  const number = extractPhone(text);
  const body = extractMessageText(text);
  const message: TakenMessage = {
    ...(name ? { name } : {}),
    ...(number ? { callbackNumber: number } : {}),
    ...(body ? { text: body } : {}),
  };
  state.pending = { kind: 'message', step: 'name', message };
  const next = nextMessageStep(state, message, reply, intent);
  if (prompt && next.actions.length === 0 && !message.name)
    next.sentences = [...splitSentences(prompt), ...next.sentences.slice(1)];
  return next;
}

function continueMessage(input: PolicyInput, state: ConversationState, text: string, reply: Reply): Plan {
  if (state.pending?.kind !== 'message') return unknown(input, state, reply, 0);
  const step = state.pending.step;
  const message = { ...state.pending.message };
  if (step === 'name') {
    const name = extractName(text, true);
    if (name) message.name = name;
    const number = extractPhone(text);
    if (number) message.callbackNumber = number;
  } else if (step === 'number') {
    const n = normalize(text);
    const number =
      extractPhone(text) ??
      (input.caller && /\b(this|same|calling from|my) (number|phone)\b|\bthis one\b/.test(n)
        ? input.caller.replace(/\D/g, '')
        : undefined);
    if (number) message.callbackNumber = number;
    else {
      return reply({
        sentences: ["Sorry, I didn't get the number. Could you say it digit by digit?"],
        intent: 'take_message',
        confidence: 0.5,
        state: { ...state, pending: { kind: 'message', step, message } },
      });
    }
  } else {
    message.text = extractMessageText(text) ?? text.trim();
  }
  return nextMessageStep(state, message, reply, 'take_message');
}

function nextMessageStep(
  state: ConversationState,
  message: TakenMessage,
  reply: Reply,
  intent: string,
): Plan {
  if (!message.name) {
    state.pending = { kind: 'message', step: 'name', message };
    return reply({
      sentences: ['Sure, I can take a message.', 'May I have your name, please?'],
      intent,
      confidence: 1,
    });
  }
  if (!message.callbackNumber) {
    state.pending = { kind: 'message', step: 'number', message };
    return reply({
      sentences: [`Thanks, ${message.name}.`, "What's the best number to call you back on?"],
      intent,
      confidence: 1,
    });
  }
  if (!message.text) {
    state.pending = { kind: 'message', step: 'text', message };
    return reply({ sentences: ['And what would you like the message to say?'], intent, confidence: 1 });
  }
  state.pending = undefined;
  state.askedAnythingElse = true;
  return reply({
    sentences: [
      `Thank you, ${message.name}. I'll pass your message on and someone will call you back on ${message.callbackNumber}.`,
      'Is there anything else I can help with?',
    ],
    intent,
    confidence: 1,
    actions: [{ action: 'take_message', message }],
  });
}

function dontKnow(
  input: PolicyInput,
  state: ConversationState,
  reply: Reply,
  intent: string,
  p: number,
  what: string,
): Plan {
  const canTransfer = Boolean(input.agent.agent.facts.transferExtension);
  state.pending = { kind: 'offer', offer: 'message' };
  return reply({
    sentences: [
      `I'm sorry, I don't have ${what} to hand.`,
      canTransfer
        ? 'I can take a message or put you through to a colleague.'
        : 'Would you like to leave a message?',
    ],
    intent,
    confidence: p,
  });
}

function unknown(
  input: PolicyInput,
  state: ConversationState,
  reply: Reply,
  p: number,
  passages: KnowledgePassage[] = [],
): Plan {
  state.misunderstood += 1;
  state.lastIntent = 'unknown';
  const canTransfer = Boolean(input.agent.agent.facts.transferExtension);
  state.pending = { kind: 'offer', offer: 'message' };
  const offer = canTransfer
    ? 'I can take a message or put you through to a colleague.'
    : 'Would you like to leave a message?';
  const sentences =
    state.misunderstood >= 2 && canTransfer
      ? ["I'm sorry, I'm not able to help with that.", 'Would you like me to put you through to a colleague?']
      : ["I'm sorry, I don't have information about that.", offer];
  if (state.misunderstood >= 2 && canTransfer) state.pending = { kind: 'offer', offer: 'transfer' };
  return reply({ sentences, intent: 'unknown', confidence: p, llmEligible: true, passages });
}
