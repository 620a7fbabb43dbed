import { hasPhoneNumber } from './answer-contact.js';
import { recordSpeech, tableRowSpeech } from './answer-speech.js';
import type { KnowledgeBook } from './book.js';
import type { Plan, PolicyInput, Reply } from './plan.js';
import { questionShape } from './question-type.js';
import type { ConversationState } from './state.js';
import { contentTokens, normalize, splitSentences } from './text.js';

/**
 * The urgent path: a caller describing an emergency is helped before anything else (message
 * taking included): the agent's configured instructions or the documents' own emergency
 * sentences, then a transfer when there is someone to transfer to. A question *about* an
 * emergency service ("is there an extra charge for an emergency visit?") is not an emergency.
 */

/** Situations that are urgent however they are phrased. */
const situation =
  /\b(badly (hurt|injured|burned|burnt|cut)|(hurt|injured) badly|bleeding|can not breathe|not breathing|struggling to breathe|collapsed|unconscious|seizure|convulsing|choking|poisoned|swallowed|ate (some )?(chocolate|poison|rat poison|grapes)|hit by a car|run over|broken (leg|arm|bone)|(pipe|pipes|tank|boiler) (has |have )?(burst|bursting|exploded)|burst (pipe|main)|flood(ed|ing)|water (is )?(pouring|gushing|everywhere|coming in)|filling (up )?with water|heating (has |is )?(died|dead|broken down|stopped|gone off)|fell (down|off)|had a fall|smell(s|ing)? (of )?gas|gas leak|carbon monoxide|on fire|fire in|smoke (is )?coming|burning smell|smell(s|ing)? (of )?(burning|smoke)|(it is|is|started|starting) smoking|(caught|catching|catches) fire|sparking|electric shock|locked out|broke(n)? down|break down|stuck (on|at|in) the (road|roadside|motorway|highway)|crashed|had an accident|car accident|dying|life threatening|can not see (anything|a thing)|can not see (out of|with) (my|his|her|their) (left |right )?eyes?|(lost|losing|loss of) (the |my |his |her |their )?(sight|vision)|gone blind|going blind|(gone|going|turned|turning) blue|blue (round|around) the lips|wheez(ing|y)|difficulty breathing|having a fit|allergic reaction|anaphyla\w*|chemical in (my|his|her|their|the) eyes?|just (slipped|tripped|fallen|fell|collapsed|been (hurt|injured)|hurt (him|her|my|them)sel(f|ves))|(hit|banged) (his|her|their) head|knocked (out|unconscious)|can not (move|feel) (his|her|their) (legs?|arms?|neck|back))\b/;
/** Words that mark urgency but also appear in ordinary questions about an urgent service. */
const urgencyWord =
  /\b(emergency|urgent|urgently|immediately|right away|right now|asap|as soon as possible)\b/;
/** "Who can I ring right now?": whom to call in the situation described, not a person's name. */
const whomToCall =
  /\b(who|what number|which number) (can|could|should|do) (i|we) (ring|call|phone|contact)\b/;
/** Sentences of the documents that tell an urgent caller what to do. */
const adviceWord =
  /\b(emergenc\w*|urgent\w*|out of hours|after hours|immediately|same day|right away|turn off|leave the|(?:call|ring|dial) (?:9|1)\d*|call the|call us|call our|24 hours)\b/i;
/**
 * A sentence sending the caller to emergency help ("go to the emergency department of Lakeview
 * General Hospital, or call 911"): what an urgent caller needs first, over general notices
 * that merely mention "24 hours".
 */
const emergencyService =
  /\b(hospital|emergency (department|room|line|services?|vet|number|hospital)|a ?& ?e|ambulance|call (9-?1-?1|9-?9-?9|1-?1-?2)|(9-?1-?1|9-?9-?9))\b/i;
/** A sentence about the same kind of situation the caller describes ("if you are locked out"). */
const isAdvice = (text: string): boolean =>
  adviceWord.test(text.replace(/(\w)-(?=\w)/g, '$1 ')) || situation.test(normalize(text));

/**
 * "How much is it if I'm locked out on a Sunday?": the situation sits in a condition of a price
 * question, so the caller is pricing a case, not living it ("I'm locked out, how much will it
 * cost?" names the situation outright and stays urgent).
 */
function hypotheticalPrice(text: string, n: string): boolean {
  if (questionShape(text).type !== 'price') return false;
  const condition = /\b(if|in case|when|whenever|should) (.*)$/.exec(n);
  return (
    condition !== null && situation.test(condition[2] ?? '') && !situation.test(n.slice(0, condition.index))
  );
}

export function isUrgent(text: string, keywords: readonly string[] = []): boolean {
  const n = normalize(text);
  if (!n) return false;
  if (situation.test(n)) return !hypotheticalPrice(text, n);
  if (keywords.some((k) => k && n.includes(normalize(k)))) return true;
  if (!urgencyWord.test(n)) return false;
  // "emergency" in a question about prices, hours or whether a service exists is informational.
  const shape = questionShape(text);
  if (shape.informational && shape.type !== 'what' && shape.type !== 'yesno' && !whomToCall.test(n))
    return false;
  if (/\b(do you (do|offer|have|provide|cover|handle)|is there|are there|what about)\b/.test(n)) return false;
  return /\b(i|my|we|our|me|us)\b/.test(n);
}

/** Up to two sentences of the documents that advise an urgent caller, most relevant first. */
export function emergencyAdvice(book: KnowledgeBook, text: string): string[] {
  const words = new Set(contentTokens(text));
  const ring = whomToCall.test(normalize(text));
  const scored = book.sentences
    .filter((s) => isAdvice(s.text) || isAdvice(s.heading))
    .map((s) => {
      let hit = 0;
      for (const w of words) if (s.terms.has(w) || s.headingTerms.has(w)) hit++;
      // A number in the sentence: whom to ring, for a caller who asks that.
      const number = ring && hasPhoneNumber(s.text) ? 1 : 0;
      return {
        s,
        score: hit + number + (isAdvice(s.text) ? 0.5 : 0) + (emergencyService.test(s.text) ? 1 : 0),
      };
    })
    .sort((a, b) => b.score - a.score || a.s.id - b.s.id);
  const best = scored[0];
  if (!best) return [];
  const out = [best.s];
  const second = scored.find((x) => x !== best && x.score > 0 && x.s.heading === best.s.heading);
  if (second && second.score >= best.score - 0.5) out.push(second.s);
  // A row of a price table ("Service: Emergency lock-out; Price: £75") said as a receptionist would.
  return out.sort((a, b) => a.id - b.id).map((s) => tableRowSpeech(recordSpeech(s.text)));
}

export function urgentPlan(input: PolicyInput, state: ConversationState, reply: Reply): Plan {
  const { agent } = input;
  const u = agent.agent.behaviour.urgent;
  const target = u.transfer ? u.extension || agent.agent.facts.transferExtension : '';
  const advice = u.instructions ? splitSentences(u.instructions) : emergencyAdvice(agent.book, input.text);
  state.pending = undefined;
  state.lastIntent = 'urgent';
  state.askedAnythingElse = false;
  const sentences = ["I'm sorry to hear that. This sounds urgent.", ...advice];
  if (target) {
    sentences.push("I'm putting you through to someone right now.");
    return reply({
      sentences,
      intent: 'urgent',
      actions: [{ action: 'transfer', target }],
      sources: [u.instructions ? 'behaviour.urgent' : 'knowledge:urgent', 'transfer'],
    });
  }
  if (!advice.length)
    sentences.push('If anyone is in danger, please call the emergency services straight away.');
  return reply({
    sentences,
    intent: 'urgent',
    sources: u.instructions ? ['behaviour.urgent'] : advice.length ? ['knowledge:urgent'] : [],
  });
}
