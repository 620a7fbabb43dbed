import { findAnswer, relevance, type Answer } from './answers.js';
import { adversarialCue } from './builtins.js';
import type { RankedIntent } from './classifier.js';
import { specificWords, topicWords } from './grounding.js';
import { continueMessage, startMessage } from './message-flow.js';
import type { Plan, PolicyInput, Reply } from './plan.js';
import { hoursWhen } from './answer-season.js';
import { selectAnswer } from './answer-clauses.js';
import { namesUnknownThing, ownAddress } from './answer-select.js';
import { chooseOption } from './item-kind.js';
import { questionShape, type QuestionShape } from './question-type.js';
import { answerHours, dontKnow, goodbye, notInData, sayAnswer, transfer, unknown } from './replies.js';
import { askedRole, messageRole, roleHolder, roleReply } from './transfer-role.js';
import { isUrgent, urgentPlan } from './urgent.js';
import type { ConversationState } from './state.js';
import { contentTokens, dayMentioned, normalize, splitSentences } from './text.js';
import type { KnowledgePassage } from './types.js';

export type { Plan, PlannedAction, PolicyInput } from './plan.js';

/**
 * The rule-and-retrieval dialogue policy: what to do and say without any LLM. It reads the
 * classification, the dialogue state and the business's data, and returns a plan (sentences,
 * actions, the intent it acted on, where the facts came from) plus the next state.
 */

/** Confidence at or above which the top intent is acted on without asking. */
export const acceptConfidence = 0.55;
/** Similarity below which nothing known resembles the utterance. */
const minSimilarity = 0.3;

/** Price and duration questions are answered from data, never by an intent's canned response. */
const asksFigure = /\b(how much|how long|price of|cost of|costs?)\b/;
/** An explicit request to be put through to a person (normalised text). */
const connectRequest =
  /\b(?:(?:speak|talk|chat) (?:to|with) (?:someone|somebody|anyone|anybody|a person|a human|a real person|(?:the|a) manager|staff|a member of staff|whoever|the person|a receptionist)|put me through|transfer me|connect me)\b/;
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

  // Someone in an emergency is helped first, even in the middle of leaving a message.
  const urgent = agent.agent.behaviour.urgent;
  if (urgent.enabled && isUrgent(text, urgent.keywords)) return urgentPlan(input, state, reply);

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
  const shape = questionShape(used);
  // A question is not small talk ("is there parking?" is no greeting) and not a request to leave
  // a message ("what if I leave my bike longer?"): such readings give way to the next one.
  if (hijacks(top, shape, normalize(used))) {
    const next = cls.ranked.find((r) => !hijacks(r, shape, normalize(used)));
    if (next) top = { ...next, probability: Math.min(next.probability, acceptConfidence - 0.01) };
  }
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

  // "Which one do you mean?" answered: the price of the one the caller picks. Anything else goes
  // on as a new turn, with the message still offered.
  if (state.pending?.kind === 'choose') {
    const pick = chooseOption(state.pending.options, used);
    state.pending = { kind: 'offer', offer: 'message' };
    if (pick) {
      const found = await findAnswer(agent, input.knowledge, `how much is the ${pick}`, cls);
      if (found.answer) {
        state.pending = undefined;
        return sayAnswer(state, reply, found.answer, found.passages, pick);
      }
    }
  }

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

  // "Can I speak to someone please?" asks to be put through, not a question for the documents
  // ("speak" is WordNet's "address"), unless the caller asks who they should speak to.
  // "Can I leave a message for whoever sends out the invoices?" is a message to take, for the
  // person the documents give for that, however well the words find the person's sentence.
  const builtin = (name: string): RankedIntent | undefined =>
    cls.ranked.find((r) => r.candidate.name === name && r.candidate.kind === 'builtin');
  const forced =
    (connectRequest.test(n) && shape.type !== 'who' ? builtin('transfer') : undefined) ??
    (messageRole(used) ? builtin('take_message') : undefined);
  if (forced) {
    state.misunderstood = 0;
    return route(
      input,
      state,
      reply,
      { ...forced, probability: Math.max(forced.probability, acceptConfidence) },
      used,
      [],
    );
  }

  // A question the data answers better than any intent's examples fit.
  if (words.length > 0 && !(helper && confident)) {
    const found = await findAnswer(agent, input.knowledge, used, cls);
    const factMissing = missingFact(input, top.candidate.name);
    if (
      found.answer &&
      (!confident ||
        top.candidate.kind === 'faq' ||
        factMissing ||
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
    // Asked about something the data does not hold: say so, never another item's figure.
    if (
      found.notInData &&
      shape.informational &&
      // ("How much a night?" sounds like "last night" to the intents; the pitches priced by the
      // night, offered to choose from, are no out-of-scope matter.)
      !(confident && top.candidate.name === 'out_of_scope' && !found.notInData.options?.length) &&
      (!confident || top.candidate.kind === 'faq' || factMissing || asksFigure.test(n))
    )
      return notInData(input, state, reply, found.notInData, shape, found.passages);
    if (confident) {
      state.misunderstood = 0;
      return route(input, state, reply, top, used, found.passages);
    }
    const second = cls.ranked.find(
      (r) =>
        r.candidate.label !== top.candidate.label &&
        r.candidate.name !== top.candidate.name &&
        !hijacks(r, shape, normalize(used)),
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
      // Hanging up cannot be undone: only a closing on its own ends the call. A "bye" inside other
      // words (often speech misrecognized as it) gets a question; "no" or "bye" then ends it.
      if (!closingOnly(text)) {
        state.askedAnythingElse = true;
        return reply({
          sentences: ['Would you like to end the call, or is there something else I can help with?'],
          intent: 'goodbye',
          confidence: p,
        });
      }
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
      if (missingFact(input, 'hours'))
        return fromDocuments(input, state, reply, text, 'when', 'our opening hours', p);
      return answerHours(input, state, reply, p, dayMentioned(text, input.now, agent.timeZone));
    case 'location':
      if (!f.address) return fromDocuments(input, state, reply, text, 'where', 'our address', p);
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
      if (!s.length) return fromDocuments(input, state, reply, text, 'what', 'our contact details', p);
      return reply({ sentences: s, intent: 'contact', confidence: p, sources: ['facts.contact'] });
    }
    case 'transfer': {
      const role = agent.agent.facts.transferExtension ? undefined : askedRole(text);
      return role ? roleReply(input, state, reply, p, role) : transfer(input, state, reply, p);
    }
    case 'take_message': {
      const started = startMessage(input, state, text, reply, 'take_message');
      // "A message for whoever deals with the bills": who that is, then the message.
      const role = messageRole(text);
      const holder = role ? roleHolder(input, role) : undefined;
      if (!holder) return started;
      return {
        ...started,
        sentences: [...holder.sentences, ...started.sentences],
        sources: [...started.sources, holder.source],
        grounded: true,
      };
    }
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

/** Words of a plain closing: "ok thanks that is all bye", "no that's everything, have a nice day". */
const CLOSING_WORDS = new Set(
  (
    'bye goodbye good by buy ok okay alright right so well then thanks thank you very much that is ' +
    "that's it all everything nothing else no nope i have to go gotta got hang up have a nice great " +
    'day evening night cheers too'
  ).split(' '),
);

/** True when at most one word of the utterance is not part of a closing. */
export function closingOnly(text: string): boolean {
  const words = normalize(text).split(/\s+/).filter(Boolean);
  return words.filter((w) => !CLOSING_WORDS.has(w)).length <= 1;
}

/** "is this the ...", "am I speaking to ...": a caller checking whom they reached (normalised text). */
const reachedCheck =
  /^(?:there )?(?:is (?:this|that|it) (?:the|a|an)|am i (?:speaking|talking) (?:to|with)|have i (?:reached|got|called))\s+\S/;

/** Small talk or message-taking read into an informational question. */
function hijacks(r: RankedIntent, shape: QuestionShape, n: string): boolean {
  if (!shape.informational) return false;
  if (r.candidate.name === 'take_message' && r.candidate.kind === 'builtin')
    return !/\b(message|call me back|callback|call back|ring me back|voicemail|get back to me)\b/.test(n);
  // "Is there someone who treats children?" asks who does what, not to be put through.
  // "Do you do a discount for NHS staff?" names staff, and asks nothing of them.
  if (r.candidate.name === 'transfer' && r.candidate.kind === 'builtin')
    return (
      shape.type === 'who' ||
      /\b(someone|somebody|anyone|anybody|a person) (who|that)\b/.test(n) ||
      !/\b(speak|talk|chat|put (me )?through|transfer|connect|human|real person|operator|representative)\b/.test(
        n,
      )
    );
  // "Who decides when my son's ready to go up a group?" is no "I have to go": a question ends
  // the call only by saying so.
  if (r.candidate.name === 'goodbye' && r.candidate.kind === 'builtin') return !r.candidate.cue?.test(n);
  // "What happens if I'm running late for my appointment?" is the caller's lateness, not how
  // late the business is open: the hours only by their own words ("open", "close", "hours").
  if (r.candidate.name === 'hours' && r.candidate.kind === 'builtin')
    return callerLate.test(n) && !r.candidate.cue?.test(n);
  // "Can the physio come to my house?" is no "come again?": asking to repeat says so.
  if (r.candidate.name === 'repeat' && r.candidate.kind === 'builtin')
    return n.split(' ').length >= 3 && !r.candidate.cue?.test(n);
  if (r.candidate.helper && r.candidate.kind === 'builtin') {
    // "Hello, is that the dentist?": a salutation opening a check of whom they reached is that
    // check ("hello, can you hear me?" stays a greeting).
    const cue = r.candidate.cue?.exec(n);
    if (cue?.index === 0 && r.candidate.name === 'greeting')
      return reachedCheck.test(n.slice(cue[0].length).trim());
    return n.split(' ').length >= 3 && !cue;
  }
  return false;
}

/** The caller (not the business) is late: "I'm late", "running a bit late", "if we arrive late". */
const callerLate =
  /\b(?:i am|we are|i will be|we will be|i might be|we might be|running|be|being|arrive|arriving|turn up|turning up|get there|show up)\s+(?:a bit |a little |very |too |so |really |quite )?late\b/;

/** A built-in informational intent whose typed fact is not configured: the documents answer. */
function missingFact(input: PolicyInput, intent: string): boolean {
  const f = input.agent.agent.facts;
  if (intent === 'hours') return f.hours.length === 0 && !f.hoursNote;
  if (intent === 'location') return !f.address;
  if (intent === 'contact') return !f.phone && !f.email && !f.website;
  return false;
}

/**
 * The hours intent's own question, asked of the documents when the caller's words find nothing.
 * (Not the address: "is there anywhere nearby to get dinner?" read as a location is about another
 * place, and "whereabouts are you?" finds the address by its own words.)
 */
const PLAIN_HOURS = 'What are your opening hours?';

/** A built-in informational intent answered from the documents, or an honest "don't have". */
function fromDocuments(
  input: PolicyInput,
  state: ConversationState,
  reply: Reply,
  text: string,
  type: QuestionShape['type'],
  what: string,
  p: number,
): Plan {
  const intent = state.lastIntent ?? 'question';
  // The question read as the intent's kind of answer, then as asked ("how small a party can you
  // cater for?" read as a location is not about the address). "I don't have X" only when
  // neither finds anything.
  const { book, graph } = input.agent;
  const asked = questionShape(text);
  // "Who's in charge at the weekend?" read as hours still asks for a person: only a person answers.
  const typed =
    asked.type === 'who'
      ? selectAnswer(book, graph, text, asked, questionShape)
      : selectAnswer(book, graph, text, { type, informational: true });
  let sel = typed.kind === 'answer' ? typed : selectAnswer(book, graph, text, asked, questionShape);
  // "Where do I put my shoes?" read as the address: a where-question about a thing at the
  // premises is answered by the sentence about that thing ("Please leave your shoes on the rack
  // by the door"), which names no place a street test knows.
  if (sel.kind !== 'answer' && intent === 'location' && asked.type === 'where' && !ownAddress.test(text))
    sel = selectAnswer(book, graph, text, { type: 'what', informational: true });
  // "What time does someone pick up the phone in the morning?": the words find nothing, but the
  // caller asks the intent's own question (the hours), which the documents may answer. Not when
  // the caller names a thing the documents lack ("when does the pool open?" of a gym without one).
  if (
    sel.kind !== 'answer' &&
    intent === 'hours' &&
    asked.type !== 'who' &&
    !namesUnknownThing(book, text, asked, true)
  ) {
    // "... in the middle of winter?": the hours of that time of year (answer-season.ts).
    sel = hoursWhen(book, text, selectAnswer(book, graph, PLAIN_HOURS, { type, informational: true }));
  }
  if (sel.kind === 'answer') {
    const plan = sayAnswer(
      state,
      reply,
      { kind: 'knowledge', sentences: sel.sentences, score: sel.score, source: sel.source, topic: sel.topic },
      [],
      sel.topic,
    );
    state.lastIntent = intent;
    return { ...plan, intent, confidence: p };
  }
  // Asked who, or a question of another kind than the intent's ("how far ahead do I get in
  // touch?" read as the address), the fallback is about that, not about the intent's fact.
  if (asked.type !== type && asked.type !== 'yesno' && asked.type !== 'what')
    return unknown(input, state, reply, p);
  // A yes/no or what-question read as the address by a word on the way ("... or find you somewhere
  // to plug in?", "one of those cards where you get a free clean?") is about its own thing:
  // "our address" only when it asks where the business is.
  if (intent === 'location' && asked.type !== type && !ownAddress.test(text))
    return unknown(input, state, reply, p);
  return dontKnow(input, state, reply, intent, p, what);
}
