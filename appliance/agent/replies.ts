import type { Selection } from './answer-select.js';
import type { Answer } from './answers.js';
import { describeHours, openNow } from './hours.js';
import type { Plan, PolicyInput, Reply } from './plan.js';
import type { QuestionShape } from './question-type.js';
import type { ConversationState } from './state.js';
import { normalize, splitSentences, type Weekday } from './text.js';
import type { KnowledgePassage } from './types.js';

/**
 * Replies built from the business's facts and fixed, fact-free templates: opening hours,
 * transfer, goodbye, answers from FAQ/knowledge, and the honest "I don't have that".
 */

export function sayAnswer(
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

export function answerHours(
  input: PolicyInput,
  state: ConversationState,
  reply: Reply,
  p: number,
  day: Weekday | undefined,
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

export function transfer(
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

export function goodbye(
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

export function dontKnow(
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

export function unknown(
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

/** "a, b and c". */
const andList = (xs: readonly string[]): string =>
  xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`;

/**
 * The honest fallback when the asked item or attribute is not in the business's data: it names
 * what was asked, states no figure, and offers a message or a colleague.
 */
export function notInData(
  input: PolicyInput,
  state: ConversationState,
  reply: Reply,
  sel: Selection,
  shape: QuestionShape,
  passages: KnowledgePassage[],
): Plan {
  const canTransfer = Boolean(input.agent.agent.facts.transferExtension);
  const what = sel.missing ?? 'that';
  state.lastIntent = 'unknown';
  state.lastTopic = sel.topic;
  state.pending = { kind: 'offer', offer: 'message' };
  if (shape.type === 'price' && sel.options && sel.options.length >= 2) {
    // Several items of the kind, none the usual one: no price is said, the caller is asked which.
    state.pending = { kind: 'choose', options: sel.options };
    return reply({
      sentences: [
        `I don't have a price for ${what} as such: there are ${andList(sel.options)}.`,
        canTransfer
          ? 'Which one do you mean? Or I can take a message or put you through to a colleague.'
          : 'Which one do you mean? Or I can take a message.',
      ],
      intent: 'unknown',
      confidence: 0.5,
      llmEligible: true,
      passages,
    });
  }
  return reply({
    sentences: [
      shape.type === 'price'
        ? what === 'that'
          ? "I'm sorry, I don't have that price in my information."
          : `I'm sorry, I don't have the price of ${what} in my information.`
        : `I'm sorry, I don't have information about ${what}.`,
      canTransfer
        ? 'I can take a message or put you through to a colleague.'
        : 'Would you like to leave a message?',
    ],
    intent: 'unknown',
    confidence: 0.5,
    llmEligible: true,
    passages,
  });
}
