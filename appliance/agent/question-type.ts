import { idiomsIn } from './lexicon/idioms.js';
import { normalize, tokens } from './text.js';
import { yesNoTag } from './caller-context.js';

/**
 * What kind of answer a caller's question wants, read from its wording alone: a price (the
 * amount of the asked item), a time (days and hours), a duration, a person, a place, a yes/no
 * (the sentence that decides it), a count or size limit, or anything else. Answer selection prefers sentences that
 * carry the asked kind and refuses to state another item's figure.
 */
export const questionTypes = ['price', 'when', 'duration', 'who', 'where', 'count', 'yesno', 'what'] as const;
export type QuestionType = (typeof questionTypes)[number];

export interface QuestionShape {
  type: QuestionType;
  /** The utterance asks something (a question or a request for information), not a command or small talk. */
  informational: boolean;
}

const price =
  /\b(how much|price|prices|pricing|cost|costs|costing|charge|charges|fee|fees|rate|rates|tariff|expensive|cheap|cheaper|cheapest|dearer|dearest|pricier|priciest|pay for|quote)\b/;
const duration =
  /\b(how long|how many (minutes|hours|days|weeks|months|years)|duration|how (?:quickly|fast) (?:can|could|will|would|do|does))\b/;
const when =
  /\b(when|what time|which days?|what days?|(?:what|which) (?:nights?|evenings?|mornings?) (?:is|are|do|does)|opening (hours|times)|hours|open|opens|close|closes|closed|weekend(?! (?:deal|special|offer|rate|price|package|break|discount|pass|ticket|hire|course|class|workshop)s?\b)|tonight|how early|earliest|how late|latest|until what time|till what time|how far (?:ahead|in advance)|how (?:much|long) (?:notice|warning|in advance|ahead|before))\b|\b(come|coming|pop)\b.*\b(on|at) (a |the )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend)s?\b|^(can|could|may) (i|we)\b.*\b(on|at) (a |the )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend)s? (morning|afternoon|evening|night)\b/;
const who =
  /^(who|whom|whose)\b|\b(who is|who are|who does|who can|who will|name of (the|your))\b|\b(someone|somebody|anyone|anybody) (who|that) (is|are|can|does|do|will|treats?|handles?|looks?|specialis|specializ|deals?|works?)/;
/**
 * Asking which of the staff to see: "who's the best person to see", "have you got someone for
 * that", "can anyone teach her in Gujarati".
 */
const whichPerson =
  /\bwho(?: is|'s)? (?:the )?best (?:person|one|to|for|at|with)\b|\b(?:have you got|is there|do you have|you got) (?:someone|somebody|anyone|anybody) (?:for|who|that|to|good|specialis|specializ|experienced)|\b(?:can|could|does|do) (?:anyone|anybody|someone|somebody|any of (?:you|your [a-z]+)) (?:teach|help|see|treat|do|speak|deal)\b/;
/** A question opening with who asks for a person whatever else it names ("who's in charge of ..."). */
const whoFirst = /^(who|whom|whose)\b/;
/**
 * "Is there somewhere to park?", "is there anywhere we can leave the car near you?": what the
 * place is for, group 1.
 */
export const placeFor =
  /^(?:is|are) there (?:somewhere|anywhere)(?: (?:nearby|near here|near you|close by|around here|local))? (?:(?:to|i can|we can|i could|we could) )?((?!near|nearby|close|local)[a-z]+(?: (?!near|nearby|close|by|for|when|on|at|in|during)[a-z]+){0,3})/;

/** ("Is there somewhere to park?": where to, asked as a yes/no.) */
const where =
  /^(where|whereabouts)\b|\b(where is|where are|where do|where can|whereabouts|address|located|location|directions|post ?code|zip code|sat ?nav|which areas?|what areas?|area do you)\b|\b(which|what) (towns?|cities|city|areas?|regions?|neighbou?rhoods?|suburbs?|districts?|counties|postcodes?|zip codes?)\b|\bhow far (out )?(do|will|would|can|does) (you|they) (go|deliver|travel|come|cover|drive)\b|\b(is|would) (that|it|this|we|i) (be )?too far\b|^(is|are) there (somewhere|anywhere) (to|i can|we can|i could|we could|for|nearby|near|close)\b/;
/**
 * A number of things or a size limit: "how many people fit", "how small a party", "what is the
 * minimum order" (the answer is a sentence with a count, "seats up to 24", "a minimum of 20").
 */
const count =
  /\bhow (many|few)\b|\bhow (small|big|large) (a|an|of a)\b|\b(minimum|maximum|max|min) (number|size|order|group|party|booking)\b|\b(capacity)\b/;
const yesno = /^(do|does|did|is|are|was|were|can|could|will|would|should|shall|may|might|have|has|am)\b/;
const wh = /^(what|which|how|why|where|when|who|whom|whose)\b/;
const infoRequest =
  /\b(tell me|i (would like|want|need) to know|i was wondering|wondering|any idea|do you know)\b/;

/** The question type and whether the utterance asks for information at all. */
/**
 * The words outside the caller's idioms: "can I spread the cost" asks about paying in parts, so
 * the "cost" inside the phrase does not make it a price question; nor does an adjective that
 * describes the thing asked about ("an expensive operation").
 */
function outsideIdioms(n: string): string {
  const words = tokens(n);
  const inside = new Set(
    idiomsIn(words).flatMap((m) => Array.from({ length: m.last - m.first + 1 }, (_, i) => m.first + i)),
  );
  // "An expensive operation" describes the thing; "how expensive is it" asks the price.
  return (
    words
      .filter((_, i) => !inside.has(i))
      .join(' ')
      .replace(/\b(?:a|an|the|my|our|your|his|her|their|some|this|that) (?:expensive|cheap)\b/g, ' ')
      // "Before you put in expensive parts", "before fitting anything expensive": the same.
      .replace(
        /(?<!\b(?:most|least|how|too|so) )\b(?:expensive|cheap) (?!(?:is|are|was|were|to|for|it|would|will|be|enough|than|compared|do|does|or|and)\b)(?=[a-z]{3,})|\b(?:anything|something|nothing) (?:expensive|cheap)\b/g,
        ' ',
      )
  );
}

/** A greeting or filler before the question ("Hi, who do I speak to ...", "Hello there, um, can I ..."). */
const opening =
  /^(?:(?:hi|hello|hiya|hey|good (?:morning|afternoon|evening)|yes|yeah|ok|okay|right|um|erm|er|uh|so|well|oh|sorry|excuse me)(?: there)? )+/;

export function questionShape(text: string): QuestionShape {
  // The question's own words: its type is read from where they start.
  const n = normalize(text).replace(opening, '');
  const raw = text.trim();
  const tagged = yesNoTag.test(raw);
  const informational =
    raw.endsWith('?') || wh.test(n) || yesno.test(n) || infoRequest.test(n) || whichPerson.test(n) || tagged;
  let type: QuestionType = 'what';
  // "Can I spread the cost?" asks whether something is possible, not an amount.
  // "Do you charge to look at it?" asks the price of looking (a yes alone tells nothing).
  const permission =
    /^(can|could|may|do|does) (i|we|you)\b/.test(n) &&
    !/\b(how much|price of|cost of)\b/.test(n) &&
    !/^do you charge (?:anything |extra |more )?(?:to|for)\b/.test(n);
  // "How much notice / time do I need" asks a quantity of something, not a price ("how much an
  // hour" does).
  const quantity =
    /\bhow much (?!is|are|does|do|did|for|to|would|will|was|it|that|this|money|extra|if|on|at|an?\b|per|each|more\b(?!\s+(?:time|notice|room|space|days|hours|weeks|minutes)))[a-z]+/.test(
      n,
    ) && !/\b(price|cost|costs|charge|fee|fees|pay|money)\b/.test(n);
  // "Is there a minimum number of hours you charge?": how many hours, not what they cost.
  const leastCharged =
    /\b(?:minimum|maximum|min|max|least|fewest|most) (?:number of |amount of )?(?:hours|days|nights|weeks|months|sessions|lessons|people|guests|items)\b/.test(
      n,
    ) && !/\b(?:how much|price|cost|costs|pay)\b/.test(n);
  // "Is the price including VAT?", "does that cost include fitting?": whether the price covers
  // something, which a sentence decides ("All prices include VAT"), not an amount.
  const inclusion =
    /^(?:is|are|does|do|will|would) (?:the|your|that|this|it|its|all) ?(?:price|prices|cost|costs|quote|fee|fees|charge)? ?(?:include|includes|including|inclusive of|cover|covers|with)\b/.test(
      n,
    ) ||
    /^(?:is|are) (?:the |your )?(?:[a-z]+ ){0,3}(?:price|prices|cost|costs|fee|fees|charge|charges) (?:included|extra)$/.test(
      n,
    ) ||
    // "Is clay included in the price?", "are materials included in the cost?".
    /^(?:is|are) (?:the |your )?(?:[a-z]+ ){1,3}(?:included|covered) (?:in|by) (?:the |that |your )?(?:price|prices|cost|costs|fee|fees|charge)\b/.test(
      n,
    );
  // "My son's 17 and wants an automatic, who teaches that?": the question is the last clause.
  if (whoFirst.test(n) || whichPerson.test(n) || /[,;]\s*(?:so |and |but )?who\b/i.test(raw)) type = 'who';
  else if (duration.test(n)) type = 'duration';
  else if (inclusion && yesno.test(n)) type = 'yesno';
  else if (price.test(n) && !permission && !quantity && !leastCharged && price.test(outsideIdioms(n)))
    type = 'price';
  // ("Is there a minimum number of nights?", "do you have a maximum number of guests?": the
  // number answers the yes/no too.)
  else if (leastCharged) type = 'count';
  // "What's the extra for the anti-glare coating?": what it adds to the price.
  else if (/\bwhat (?:is )?the extra (?:for|on|to)\b/.test(n)) type = 'price';
  // "What would five shirts washed and ironed come to?": the total of a price.
  else if (/\bwhat (?:would|will|does|do|did)\b(?: [a-z]+){1,8} come to$/.test(n)) type = 'price';
  // "What's that a week?", "what's a medium berth a month?": an amount for a stretch of time.
  else if (
    /\bwhat (?:is|would (?:it|that) be|will (?:it|that) be)\b(?: [a-z]+){0,6} (?:a|per) (?:week|month|night|year)$/.test(
      n,
    )
  )
    type = 'price';
  else if (who.test(n)) type = 'who';
  else if (where.test(n)) type = 'where';
  else if (when.test(n)) type = 'when';
  else if (count.test(n)) type = 'count';
  else if (yesno.test(n)) type = 'yesno';
  else if (/^(what time|which days?|what days?)\b/.test(n)) type = 'when';
  // "My daughter doesn't eat any animal products, will she find something?": what the caller
  // tells, then a yes/no question.
  // "I'd feel more comfortable with a woman teaching me, is that possible" (a transcript has no
  // question mark): a yes/no tag after the wish.
  else if ((raw.endsWith('?') && yesno.test(normalize(raw.split(/[,.;!]\s+/).pop() ?? ''))) || tagged)
    type = 'yesno';
  return { type, informational };
}

/** Words that say what kind of answer is wanted, not what it is about ("cost", "when", "open"). */
export const typeWords: ReadonlySet<string> = new Set(
  (
    'how much price prices pricing cost costs costing charge charges charged fee fees rate rates tariff expensive cheap ' +
    'cheaper cheapest dearer dearest pricier priciest ' +
    'quote long duration when time times day days hours hour open opens opening close closes closing closed shut shuts ' +
    'early earliest late latest ' +
    'who whom whose where whereabouts address located location directions postcode area areas which what why ' +
    'do does did is are was were can could will would should shall may might have has'
  ).split(' '),
);

/** "What number do I call", "your phone number": a phone number is asked (on normalized text). */
/**
 * "What time do you start in the morning?", "when do your vans finish?": the business's own day
 * starting or ending is its hours (the verb is the question's cue, not its thing).
 */
export const ownDayVerb =
  /\b(?:do|does) (?:you|your (?:[a-z]+ )?(?:office|shop|team|staff|vans?|drivers?|fitters?|lads|guys))(?: (?:usually|normally|guys|all))? (start|finish|begin|stop|knock off|get going)\b/i;

export const asksPhone =
  /\b((tele)?phone (number|line)s?|(your|the office|office|a|the|contact|direct|emergency|what|which) (tele)?phone\b(?! (repair|screen|battery|case|charger|shop|fix))|(tele)?phone (you|us|them|the office|ahead)|by (tele)?phone|number (do|should|can) i|what number|which number|(?:your|the|an?) (?:emergency|out of hours|after hours|24 hour|office|direct|mobile|contact|helpline) (?:number|line)\b(?! (?:of|for) )|(?:what is|whats|what s|give me|can i have|could i have|can i get) your number$|(?:to|do i|can i|should i|could i|how (?:do|can) i) ring you|ring you on|call you on|(?:get hold of|contact|reach|get in touch with) (?:you|someone|the office|the school|the shop)|how (?:do|can|should|could) (?:i|we) get in touch$)\b/;
