/**
 * People in answers: a sentence said with the full name of the person it is about, the person a
 * sentence is about by the document's structure (a section titled with a name, a team list's
 * line), the one person of a one-sentence team list the question points to, and whether a
 * "which ..." question asks for a person.
 */
import { recordSpeech, tableRowSpeech } from './answer-speech.js';
import { coverage, type QueryWord } from './coverage.js';
import { typeWords } from './question-type.js';
import { nameWord, tokens } from './text.js';
import { sectionOf, termsOf, type BookSentence, type KnowledgeBook } from './book.js';

const titledName = /\b(?:Dr\.?|Doctor|Mr\.?|Mrs\.?|Ms\.?)\s+[A-Z]/;
const namePair = new RegExp(`(\\w+\\W+)?\\b(${nameWord})\\s${nameWord}\\b`, 'g');
/**
 * Words before two capitalised words that make them a place or a thing's name, not a person's
 * ("on the North Norfolk coast", "leave from Cleyford Quay").
 */
const placeBefore = new Set(
  'a an the from in at near on to into across towards toward via of within around outside beyond past our your their its this'.split(
    ' ',
  ),
);
/**
 * A sentence that names a person (who-questions are answered by one): a title and a name, or a
 * first and last name, not a possessive ("Temple's Boats") nor a place after "the", "from" ...
 */
export const namesPerson = (text: string): boolean =>
  titledName.test(text) ||
  [...text.matchAll(namePair)].some(
    (m) =>
      !/'s$/.test(m[2]!) &&
      !placeBefore.has((m[1] ?? '').replace(/\W+$/, '').toLowerCase()) &&
      !thingHead.test(m[0].slice(m[1]?.length ?? 0)) &&
      // "Brackley Cross BX7 2QT": a town before its postcode; "Pellingford General Hospital":
      // the first two words of a longer place's name.
      !postcodeNext.test(text.slice(m.index + m[0].length)) &&
      !thingNext.test(text.slice(m.index + m[0].length)),
  );
const postcodeNext = /^,?\s+[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/;
/**
 * Two capitalised words whose second is a day or month ("Every Thursday") or a common head noun
 * of places, rooms and organisations ("Oak Room", "Hartwell Woods", "Eye Hospital"): no person.
 */
/** Day and month names: no one's first name ("on Friday", "since March"). */
const calendarNames =
  'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December';
const thingHeads = [
  calendarNames,
  'Room|Rooms|Woods?|Park|Centre|Center|Hall|House|School|College|Club|Hospital|Clinic|Surgery',
  'Street|Road|Lane|Avenue|Square|Grove|Close|Way|Place|Market|Station|Library|Church|Farm',
  // What a business sells under a name ("Jungle Party", "Gold Package", "Family Pass").
  'Party|Parties|Package|Packages|Menu|Session|Sessions|Course|Courses|Pass|Passes|Deal|Offer|Bundle|Special|Membership',
  // A trade's title ("DVSA Approved Driving Instructors", "Gas Safe Registered Engineers").
  'Instructors|Teachers|Tutors|Engineers|Technicians|Therapists|Practitioners|Specialists|Consultants|Contractors|Electricians|Plumbers|Builders|Solicitors|Accountants|Services|Members',
].join('|');
const thingHead = new RegExp(`^\\S+\\s+(?:${thingHeads})$`);
/** A section's title ("Health Insurance", "Opening Hours"): no person's profile heading. */
const sectionTitle =
  /^\S+\s+(?:Insurance|Hours|Prices|Fees|Rates|Policy|Policies|Information|Details|Booking|Bookings|Cancellations?|Payments?|Parking|Access|Contact|Facilities|Offers|Vouchers)$/;
const thingNext = new RegExp(`^\\s+(?:[A-Z][a-z]+\\s+)?(?:${thingHeads})\\b`);

/** "Martin Ellery", "Jo and Martin Ellery" (no apostrophe: "We're Jo" is no name). */
const introduced = /\b(?:([A-Z][a-z]+)\s+(?:and|&)\s+)?([A-Z][a-z]+)\s+[A-Z][a-z'-]+\b/g;
const firstNamesCache = new WeakMap<KnowledgeBook, ReadonlySet<string>>();
/**
 * First names of the people the documents introduce in full ("Martin Ellery"; "Jo and Martin
 * Ellery" introduces Jo too), so a later "Jo looks after bookings" names a person.
 */
function firstNames(book: KnowledgeBook): ReadonlySet<string> {
  let out = firstNamesCache.get(book);
  if (!out) {
    const found = new Set<string>();
    for (const s of book.sentences)
      for (const m of s.text.matchAll(introduced))
        if (
          namesPerson(
            s.text.slice(Math.max(0, m.index - 24), m.index) +
              m[0].replace(/^.*?(?:and|&)\s+/, '') +
              s.text.slice(m.index + m[0].length, m.index + m[0].length + 12),
          )
        ) {
          found.add(m[2]!);
          if (m[1] && !book.knows(m[1])) found.add(m[1]);
        }
    // A first name alone with the role it has ("Ellie, our apprentice") or the work it does
    // ("our deliveries are driven by Mick"): documents name junior staff so.
    for (const s of book.sentences) {
      // "Three resident artists: Mia (fine line), Dev (traditional) and Sasha (realism)": the
      // first names a list of people says, each with what they do.
      const label = /^([^:]{3,60}):\s/.exec(s.text);
      const kind = label?.[1]?.trim().split(/\s+/).at(-1)?.toLowerCase().replace(/s$/, '') ?? '';
      if (label && (/^(?:team|staff|crew)$/.test(kind) || book.isA(kind, 'person')))
        for (const m of s.text.slice(label[0].length).matchAll(listedName))
          if (!calendarWord.test(m[1]!) && !book.knows(m[1]!.toLowerCase())) found.add(m[1]!);
      for (const m of s.text.matchAll(appositive))
        if (book.isA(m[2]!, 'person') && !calendarWord.test(m[1]!)) found.add(m[1]!);
      for (const m of s.text.matchAll(doneBy)) if (!calendarWord.test(m[1]!)) found.add(m[1]!);
      // "Jobs are booked by Sandra in the office": whoever a thing is done by, said so.
      for (const m of s.text.matchAll(passiveBy))
        if (!calendarWord.test(m[1]!) && !book.knows(m[1]!.toLowerCase())) found.add(m[1]!);
      // "Book a free consultation with Ellie", "speak to Sam about ...": whom the caller meets.
      for (const m of s.text.matchAll(metWith))
        if (!calendarWord.test(m[1]!) && !book.knows(m[1]!.toLowerCase())) found.add(m[1]!);
    }
    out = found;
    firstNamesCache.set(book, out);
  }
  return out;
}

/** A name in a list of people: before its bracket, a comma, "and" or the end. */
const listedName = /(?:^|,\s*|\band\s+)([A-Z][a-z]+)(?=\s*(?:\(|,|\s+and\b|[.;]?$))/g;
const appositive = /\b([A-Z][a-z]+),\s+(?:our|the)\s+(?:[a-z]+\s+)?([a-z]+)\b/g;
const doneBy =
  /\b(?:driven|run|led|taught|taken|hosted|coached|handled|managed|owned|looked after|done|made) by ([A-Z][a-z]+)\b(?!\s+[A-Z])/g;
const passiveBy =
  /\b(?:is|are|was|were|gets?|be)\s+(?:all\s+|usually\s+|always\s+|normally\s+)?[a-z]+(?:ed|en)\s+by\s+([A-Z][a-z]+)\b(?!\s+[A-Z])/g;
const metWith =
  /\b(?:(?:consultation|appointment|chat|meeting|session|call|word) with|(?:speak|talk|ask) (?:to|for)) ([A-Z][a-z]+)\b(?!\s+[A-Z])/g;
const calendarWord = new RegExp(`^(?:${calendarNames})$`);

/**
 * The business's name as its document's title gives it ("Larkfield Logs" of "# Larkfield Logs",
 * "Hilltop Removals" of "Hilltop Removals - price guide 2026"): two capitalised words that are
 * no person's name.
 */
function titleName(book: KnowledgeBook): string | undefined {
  const title = book.sentences[0]?.heading ?? '';
  return new RegExp(`^${nameWord}\\s${nameWord}\\b`).exec(title)?.[0];
}

/** A first name after the words that send a caller to someone ("Talk to Gary", "ask for Kerry"). */
const askFor =
  /\b(?:[Tt]alk to|[Ss]peak to|[Aa]sk for|[Aa]sk|[Cc]ontact|[Cc]all|[Rr]ing|[Ee]mail)\s+([A-Z][a-z]{2,})\b(?!\s+[A-Z])/;
/** Desks and teams a caller is sent to, capitalised as if names ("Talk to Reception"). */
const deskWords = new Set(
  'reception sales accounts support admin bookings enquiries office us them our the your a an any one someone'.split(
    ' ',
  ),
);
/**
 * "Puppy Foundations", "Teen Dogs": a common word before a common noun's plural names a thing
 * sold, not a first name and surname.
 */
function thingName(book: KnowledgeBook, name: string): boolean {
  const [a, b] = name.toLowerCase().split(/\s+/);
  return (
    !!a &&
    !!b &&
    b.endsWith('s') &&
    book.knows(a) &&
    [b.slice(0, -1), b.slice(0, -2)].some((x) => x.length > 2 && book.nounLike(x))
  );
}

/** A sentence that names a person the documents introduced, in full or by first name. */
export function mentionsPerson(book: KnowledgeBook, text: string): boolean {
  const title = titleName(book);
  // "Puppy Foundations: 6 weekly classes", "Teen Dogs": a common word before a common noun's
  // plural is the name of a thing sold, not a first name and surname.
  const plain = text.replace(/\b([A-Z][a-z]+)\s+([A-Z][a-z]+s)\b/g, (m) =>
    thingName(book, m) ? m.toLowerCase() : m,
  );
  if (namesPerson(title ? plain.split(title).join('the business') : plain)) return true;
  // "Talk to Gary in the office", "ask for Kerry": a name after "talk to" is whom to talk to.
  const named = askFor.exec(text)?.[1];
  if (named && !deskWords.has(named.toLowerCase())) return true;
  const names = firstNames(book);
  // A first name alone ("Jo looks after bookings"); one before another capitalised word is part
  // of a name namesPerson already judged ("within Brackley Cross").
  return (text.match(/\b[A-Z][a-z'-]+\b(?!\s+[A-Z])/g) ?? []).some((w) => names.has(w));
}

/** A sentence as said: a person it names by first name gets their full name ("Dr. Luis Moreno treats ..."). */
export function spoken(
  s: BookSentence,
  about?: { first: string; full: string; label?: BookSentence },
): string {
  const person = s.person ?? about;
  let text = s.text;
  if (person && s.text.startsWith(person.first) && !s.text.startsWith(person.full))
    text = person.full + s.text.slice(person.first.length);
  // Under a heading that names them, a sentence says who in full: "Practice manager. Lucy
  // handles billing" -> "... Lucy Park handles billing"; "Principal dentist and owner." ->
  // "Dr. Priya Raman: principal dentist and owner."
  else if (about && !about.label && !s.text.includes(about.full)) {
    const at = new RegExp(`\\b${about.first}\\b`).exec(s.text);
    text = at
      ? s.text.slice(0, at.index) + about.full + s.text.slice(at.index + about.first.length)
      : `${about.full}: ${s.text.replace(/^./, (c) => c.toLowerCase())}`;
  }
  return framed(s.heading, tableRowSpeech(recordSpeech(text)));
}

/**
 * A heading that frames the list under it ("What to bring", "What we do not offer", "Not
 * included", "You will need"). Not a FAQ's question: its answer says itself.
 */
const framingHeading =
  /^(?:what (?:to|we|you)\b[^?]*|(?:not |also )?(?:included|covered)|exclusions|please bring|you(?:'ll| will) need)[.:]?$/i;
/** Words of a framing heading around its verb ("What we do not offer", "What we need from you"). */
const frameFiller = new Set(
  'what to we you not don t dont doesn doesnt also will ll please from for with of our us your'.split(' '),
);

/**
 * A line of a framed list said under its heading: "Two full changes of clothes, nappies and
 * wipes ..." alone does not say they are to be brought, and "Deep scratch repair" under "What
 * we do not do" alone says the opposite of the page. A line that says the heading's verb
 * ("Please bring a towel") is whole already.
 */
function framed(heading: string, text: string): string {
  const h = heading.trim();
  if (!framingHeading.test(h)) return text;
  // The heading's verb (its last word of its own: bring, offer, do, need, included).
  const verb = tokens(h)
    .filter((w) => !frameFiller.has(w))
    .at(-1);
  if (!verb || tokens(text).includes(verb) || saysWho.test(text)) return text;
  return `${h.replace(/[.:]$/, '')}: ${text}`;
}
/** A sentence with its own subject or address ("Your first visit lasts an hour"): not a list line. */
const saysWho = /^\W*(?:we|you|your|our|it|they|i|please|if|all|every|each|there)\b/i;

const personName = new RegExp(
  `(?:\\b(?:Dr|Mr|Mrs|Ms|Prof)\\.?\\s+)?\\b${nameWord}(?:\\s+${nameWord}){1,2}`,
  'g',
);

/**
 * Of a sentence naming several people, the part about the one the asked words point to: from
 * that person's name to the next name, after the list's label ("Coaches: "). Undefined when the
 * sentence names fewer than two people or the words point to no single part.
 */
export function personPart(
  book: KnowledgeBook,
  text: string,
  words: readonly QueryWord[],
): string | undefined {
  // Not an organisation or a building ("Fernley Veterinary Centre"), nor the business itself as
  // its document's title names it ("Larkfield Logs is run by Sue and Alan Pike").
  const title = titleName(book);
  let starts = [...text.matchAll(personName)].filter(
    (m) =>
      namesPerson(m[0]) &&
      m[0] !== title &&
      !tokens(m[0]).some((w) =>
        [w, w.replace(/re$/, 'er')].some((x) => book.isA(x, 'organization') || book.isA(x, 'structure')),
      ),
  );
  // "Mia (fine line), Dev (traditional) and Sasha (realism)": people the documents name by
  // first name only.
  if (starts.length < 2) {
    const names = firstNames(book);
    starts = [...text.matchAll(/\b[A-Z][a-z]+\b(?!\s+[A-Z])/g)].filter((m) => names.has(m[0]));
  }
  if (starts.length < 2) return undefined;
  // A list: each part ends where a comma, semicolon or "and" separates it from the next name
  // ("Dr. Elena Price at Fernley ..." names a place within one person's part).
  for (let i = 1; i < starts.length; i++) {
    const between = text.slice(starts[i - 1]!.index, starts[i]!.index);
    if (!/(?:[,;]|\band)\s*$/.test(between)) return undefined;
    // "his sons, Graham and Peter Oakes": two people sharing a surname, said as one.
    if (/\b[A-Z][a-z]+\s+(?:and|&)\s*$/.test(between)) return undefined;
  }
  const parts = starts.map((m, i) =>
    text
      .slice(m.index, starts[i + 1]?.index ?? text.length)
      .replace(/[\s,;]*(?:and\s*)?$/i, '')
      .replace(/\.$/, ''),
  );
  const covs = parts.map((p) => coverage(words, new Set(termsOf(p))));
  const best = Math.max(...covs);
  if (best <= 0 || covs.filter((c) => c === best).length > 1) return undefined;
  const label = /^([^.:]{1,30}):\s/.exec(text.slice(0, starts[0]!.index))?.[1];
  // "Three resident artists: Sasha (...)": the count is of the whole list, not of the one said.
  const counted =
    label !== undefined && /^(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\b/i.test(label);
  const part = parts[covs.indexOf(best)]!;
  return `${label && !counted ? `${label}: ` : ''}${part}.`;
}

/**
 * Of a sentence whose clauses each name someone ("you'll also meet Ellie, our apprentice, and
 * our deliveries are driven by Mick"), the clause about the one the asked words point to.
 * Undefined when fewer than two clauses name a person or the words point to no single clause.
 */
export function personClause(
  book: KnowledgeBook,
  text: string,
  words: readonly QueryWord[],
): string | undefined {
  const clauses = text
    .replace(/\.$/, '')
    .split(/;\s+|,\s+(?:and|but|while)\s+|\s+and\s+(?=(?:our|the|he|she|they)\b)/)
    .filter((c) => mentionsPerson(book, c));
  if (clauses.length < 2) return undefined;
  const covs = clauses.map((c) => coverage(words, new Set(termsOf(c))));
  const best = Math.max(...covs);
  if (best <= 0 || covs.filter((c) => c === best).length > 1) return undefined;
  const clause = clauses[covs.indexOf(best)]!.trim();
  return `${clause[0]!.toUpperCase()}${clause.slice(1)}.`;
}

/** "Dr. Priya Raman", "Lucy Park": a person's name as a heading or a team list's label writes it. */
/** "Jordan Blake - stylist.": a name, a dash or comma, a role, and nothing else. */
const labelLine = new RegExp(
  `^((?:(?:Dr|Mr|Mrs|Ms|Prof)\\.?\\s+)?(${nameWord})\\s+${nameWord})\\s*[-–—,:]\\s*[^.]{2,60}\\.?$`,
);
const nameLabel = new RegExp(`^((?:(?:Dr|Mr|Mrs|Ms|Prof)\\.?\\s+)?(${nameWord})(?:\\s+${nameWord}){1,2})`);

/**
 * The person a sentence is about by the document's structure, when the sentence does not name
 * them in full: a section titled with a name ("Dr. Priya Raman" over "Principal dentist and
 * owner."), or a team list's line ("Jordan Blake - stylist.") followed by what they do ("Men's
 * cuts, skin fades and beard trims."), which is said with it (`label`).
 */
export function personOf(
  book: KnowledgeBook,
  s: BookSentence,
): { first: string; full: string; label?: BookSentence } | undefined {
  if (s.person) return undefined;
  const head = nameLabel.exec(s.heading);
  // ("Health Insurance", "Opening Hours": a section's title, though "AXA Health" follows.)
  if (head?.[1] && head[1] === s.heading.trim() && !sectionTitle.test(head[1])) {
    const section = sectionOf(book, s);
    const first = head[2]!;
    const titled = /^(?:Dr|Mr|Mrs|Ms|Prof)\b/.test(head[1]);
    // A heading of capitalised words is a person only when its section reads as one: a title,
    // the first name again ("Lucy handles billing"), or a role label first ("Practice manager.").
    const role = /^[^.:]{2,40}[.:]/.exec(section[0]?.text ?? '')?.[0];
    // The document's own title ("# Larkfield Logs") is the business, not a person, untitled.
    const isTitle = s.heading === book.sentences[0]?.heading;
    const named = section.some((x) => new RegExp(`\\b${first}\\b`).test(x.text));
    if (titled || (!isTitle && (named || (role && role.split(/\s+/).length <= 5 && !/\d/.test(role)))))
      return { first, full: head[1] };
  }
  if (ownSubject(book, s.text)) return undefined;
  // "Jordan Blake - stylist.": a name, a dash or comma, a role, and nothing else. The lines after
  // it without a subject of their own are about that person ("Speaks Polish.", "Covers Kingsmead,
  // Monday to Friday."), up to MAX_PROFILE_LINES back.
  for (let id = s.id - 1; id >= s.id - MAX_PROFILE_LINES; id--) {
    const prev = book.sentences[id];
    if (!prev || prev.document !== s.document || prev.heading !== s.heading) return undefined;
    const label = labelLine.exec(prev.text);
    if (label?.[1] && label[2] && prev.text.split(/\s+/).length <= 10 && !thingName(book, label[1]))
      return { first: label[2], full: label[1], label: prev };
    if (prev.person || ownSubject(book, prev.text)) return undefined;
  }
  return undefined;
}

/** Most lines of one person's profile read back to its label line. */
const MAX_PROFILE_LINES = 3;

/** A line opening with a role and no verb: "Our only female instructor, and ...", "The owner." */
const roleLead = /^\W*(?:our|the|a|an)\s+(?:[a-z-]+\s+){0,3}?([a-z]+)\s*(?:,|\.|$)/i;

/**
 * A sentence with a subject of its own: it starts with a person's name (not a verb that starts a
 * profile line: "Speaks Polish" is no name), a pronoun or an article.
 */
function ownSubject(book: KnowledgeBook, text: string): boolean {
  // "Our only female instructor, and the only one of us who teaches on Saturdays.": a role said
  // without a verb, after a team list's label line, is that person's.
  const role = roleLead.exec(text)?.[1];
  if (role && book.isA(role, 'person')) return false;
  if (
    /^\W*(?:we|our|you|your|it|its|they|their|this|these|those|there|he|she|his|her|i|the|a|an|all|every|each)\b/i.test(
      text,
    )
  )
    return true;
  const first = /^\W*([A-Za-z'-]+)/.exec(text)?.[1] ?? '';
  // A first name alone ("Dave teaches ..."): a capitalised word no dictionary knows.
  if (/^[A-Z][a-z]/.test(first) && !book.knows(first)) return true;
  // "Available Tuesday, Thursday and Saturday.": a word and a day is no name.
  const name = nameLabel.exec(text.replace(/^\W+/, ''))?.[1];
  return !book.verbForm(first) && name !== undefined && !name.split(/\s+/).some((w) => calendarWord.test(w));
}

/** "Which vet ...", "what physio ...": the asked thing is a person, so the answer is a who. */
export function asksForPerson(book: KnowledgeBook, text: string): boolean {
  const noun = /^(?:which|what)\s+([a-z]+)\b/i.exec(text.trim())?.[1];
  return !!noun && !typeWords.has(noun.toLowerCase()) && book.isA(noun, 'person');
}
