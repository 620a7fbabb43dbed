import type { Plan, PolicyInput, Reply } from './plan.js';
import { unknown } from './replies.js';
import { extractMessageText, extractName, extractPhone } from './slots.js';
import type { ConversationState } from './state.js';
import { normalize, splitSentences } from './text.js';
import type { TakenMessage } from './types.js';

/**
 * Taking a message: name, callback number and text, asked for one at a time, whatever the
 * caller already said is kept ("this is John, call me on five five five ...").
 */

export function startMessage(
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

export function continueMessage(
  input: PolicyInput,
  state: ConversationState,
  text: string,
  reply: Reply,
): Plan {
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

export function nextMessageStep(
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
