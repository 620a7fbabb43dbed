import { selectAnswer } from './answer-clauses.js';
import type { Plan, PolicyInput, Reply } from './plan.js';
import { questionShape } from './question-type.js';
import type { ConversationState } from './state.js';
import { normalize } from './text.js';

/**
 * "Can I speak to whoever deals with complaints?" on a line with no one to put callers through
 * to: the caller asks for a person by what they do. The documents may say who that is ("Lisa in
 * the office handles changes of date"); if they name no one, the honest answer is that, not "no
 * one is available", which says nothing about whether such a person exists.
 */
const roleRequest =
  /\b(?:speak|talk|chat|put me through|get through|transfer me|connect me)\b.*?\b(?:to|with)\s+(?:whoever|(?:someone|somebody|anyone|anybody|the person|the one|the lady|the man)\s+(?:who|that))\s+(.+)$/;

/** "Can I leave a message for whoever deals with the bills?": a message for a person by role. */
const messageRoleRequest =
  /\bmessage\s+(?:for|to)\s+(?:whoever|(?:someone|somebody|the person|the one|the lady|the man)\s+(?:who|that))\s+(.+)$/;

/** The role a caller leaves a message for ("deals with the bills"), when they name one. */
export function messageRole(text: string): string | undefined {
  for (const clause of text.split(/[?.!;]+/)) {
    const role = messageRoleRequest.exec(normalize(clause))?.[1]?.trim();
    if (role && role.split(' ').length <= 10) return role;
  }
  return undefined;
}

/**
 * The documents' answer to who does `role` ("Amy Garside, office manager, ... sends out
 * invoices"), for a message left for that person; undefined when they name no one.
 */
export function roleHolder(
  input: PolicyInput,
  role: string,
): { sentences: string[]; source: string } | undefined {
  const { book, graph } = input.agent;
  const question = `Who ${role}?`;
  const sel = selectAnswer(book, graph, question, questionShape(question), questionShape);
  return sel.kind === 'answer' ? { sentences: sel.sentences, source: sel.source } : undefined;
}

/** The clause's role ("deals with complaints") when a caller asks for a person by it. */
export function askedRole(text: string): string | undefined {
  for (const clause of text.split(/[?.!;]+/)) {
    const role = roleRequest.exec(normalize(clause))?.[1]?.trim();
    if (role && role.split(' ').length <= 10) return role;
  }
  return undefined;
}

/** The person the documents give for `role`, or an honest "I don't have that"; then a message. */
export function roleReply(
  input: PolicyInput,
  state: ConversationState,
  reply: Reply,
  p: number,
  role: string,
): Plan {
  const { book, graph } = input.agent;
  const question = `Who ${role}?`;
  const sel = selectAnswer(book, graph, question, questionShape(question), questionShape);
  state.lastIntent = 'transfer';
  state.pending = { kind: 'offer', offer: 'message' };
  const offer = ["I can't put you through right now.", 'Would you like to leave a message?'];
  if (sel.kind === 'answer')
    return reply({
      sentences: [...sel.sentences, ...offer],
      intent: 'transfer',
      confidence: p,
      sources: [sel.source],
    });
  return reply({
    sentences: [`I'm sorry, I don't have the details of who ${role}.`, ...offer],
    intent: 'transfer',
    confidence: p,
  });
}
