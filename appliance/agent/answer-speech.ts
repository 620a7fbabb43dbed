/**
 * An answer's sentences as a receptionist says them: a price list's row or line read as a
 * sentence ("Student membership is $32 per month."), and of a sentence with several prices only
 * the clause of the asked one.
 */
import { givingVerbs, priceRe } from './graph/extract.js';

/** A column label that says its cells are prices ("Price", "Hourly rate", "Fee"). */
export const priceLabel = /\b(price|cost|fee|rate|charge|amount)s?\b/i;

/** A table row read with its header: two labelled cells or more ("Unit: Locker; Fits: ..."). */
export const labelledRow = /^[^:;]{1,30}:\s*[^;]+;\s*[^:;]{1,30}:/;

/**
 * A price-list row as said, or undefined when the sentence is not one. A table row read with
 * its header ("Service: Standard consultation (15 minutes); Price: $65") becomes "Standard
 * consultation (15 minutes) is $65."; a unit in the price column's header is kept ("Price per
 * guest" -> "is £15 per guest"); a column that is not a price's names the figure's case
 * ("Senior stylist: £30" -> "Blow-dry only (senior stylist) is £30.").
 */
export function priceSpeech(sentence: string, amount: string): string | undefined {
  const fields = sentence
    .replace(/\.\s*$/, '')
    .split(/\s*;\s*/)
    .map((f) => /^([^:]{1,30}):\s*(.+)$/.exec(f.trim()));
  // A list line "Single personal training session (60 minutes): $55": the item, then its price.
  const only = /^([^:;]{2,80}):\s*(.+)$/.exec(sentence.replace(/\.\s*$/, '').trim());
  if (only?.[2] && new RegExp(`^(?:${priceRe.source})(?:\\s+per\\s+\\w+)?$`, 'i').test(only[2].trim()))
    return `${only[1]!.trim()} ${copula(only[1]!)} ${only[2].trim()}.`;
  if (fields.length < 2 || fields.some((f) => !f)) return undefined;
  const item = fields[0]?.[2];
  const figure = amount.match(new RegExp(priceRe.source, 'i'))?.[0] ?? amount;
  const hit = fields.slice(1).find((f) => f?.[2]?.includes(figure));
  if (!item || !hit?.[1] || !hit[2]) return undefined;
  const label = hit[1].trim();
  // "Hourly rate: £70" is "£70 an hour", as "Price per hour" is "per hour".
  const often = /^(hour|dai|night|week|month|year)ly\b/i.exec(label)?.[1]?.toLowerCase();
  const unit =
    /\b(per\s+\w+)\s*$/i.exec(label)?.[1]?.toLowerCase() ??
    (often ? `per ${often === 'dai' ? 'day' : often}` : undefined);
  const price = unit && !hit[2].toLowerCase().includes(unit) ? `${hit[2]} ${unit}` : hit[2];
  const priceColumn = priceLabel.test(label);
  // "Price: add £30" (an option added to another price): "Anti-glare coating is an extra £30."
  const said = price.replace(/^(?:add|plus|\+)\s*(?=[$€£]|\d)/i, 'an extra ');
  return priceColumn
    ? `${item} ${copula(item)} ${said}.`
    : `${item} (${label.toLowerCase()}) ${copula(item)} ${said}.`;
}

/** A clause's opening giving verb ("gives 30-minute lessons for £30"). */
const givenThing = new RegExp(`^(?:${givingVerbs})\\s+(?=\\S+\\s+\\S)`, 'i');

/** Words ending in "s" that name one thing ("a lens", "the gas", "a class", "a bus"). */
const singularS = /(?:ss|us|is|ous|ics|lens|gas|news|series|species|chassis|canvas|atlas|bias|plus|yes)$/i;

/**
 * "Is" or "are" for a list item as said: "One-to-one sessions are £40 per hour.", "Nail clipping
 * is £8." By the last word before any bracket ("Group sessions (up to 6 pupils)") or "of".
 */
function copula(item: string): 'is' | 'are' {
  // "Block of 4 sessions" is a block.
  const head =
    item
      .replace(/\s*\([^)]*\)\s*$/, '')
      .split(/\s+of\s+/)[0]!
      .trim()
      .split(/\s+/)
      .at(-1) ?? '';
  return head.length > 3 && /s$/i.test(head) && !singularS.test(head) ? 'are' : 'is';
}

/**
 * The part of a sentence that states one price when it states several ("Classes are $25 per
 * class, or $220 for a pass of 10"): the caller hears the asked item's figure only.
 */
export function priceClause(sentence: string, amount: string): string {
  const prices = sentence.match(new RegExp(priceRe.source, 'gi')) ?? [];
  if (prices.length < 2) {
    // "We come to you within 20 miles; the travel charge is £25": the clause with the price,
    // when another clause carries other figures the caller did not ask for.
    const figure = amount.match(new RegExp(priceRe.source, 'i'))?.[0] ?? amount;
    const parts = sentence.split(/;\s*/);
    const own = parts.find((p) => p.includes(figure));
    if (parts.length < 2 || !own || !parts.some((p) => p !== own && /\d/.test(p))) return sentence;
    // ("200 free miles a day; after that it's 15p a mile": the clause says what it goes on from.)
    if (/^\s*(?:after that|beyond that|above that|over that|then|thereafter|otherwise)\b/i.test(own))
      return sentence;
    const out = own.trim().replace(/^./, (c) => c.toUpperCase());
    return /[.!?]$/.test(out) ? out : `${out}.`;
  }
  const figure = (amount.match(new RegExp(priceRe.source, 'i'))?.[0] ?? amount).replace(/[,.;]+$/, '');
  // ", or ...", "; ...", "... or $40", and a list of items with their prices ("Manual £1,150,
  // automatic £1,280": a comma and a space, then a few words and a price).
  // A row of prices for cases ("£35 for small dogs, £45 for medium dogs and £60 for ..."), not
  // inside a bracket ("The certificate fee (currently £18 for the paper certificate, £12 for
  // the digital one)" is one price's aside, said whole).
  const masked = sentence.replace(/\([^()]*(?:\)|$)/g, (m) => m.replace(/[^()]/g, '_'));
  const clauses: string[] = [];
  let from = 0;
  for (const m of masked.matchAll(
    /,\s*(?=or\b|and\b)|;\s*|\s+or\s+(?=[$€£\d])|,\s+(?=[a-z][\w -]{0,30}?\s[$€£]\d)|,\s+(?=[$€£]\d[^,;]*?\sfor\s)|\s+and\s+(?=[$€£]\d[^,;]*?\sfor\s)|\s+and\s+(?=[a-z0-9][\w' -]{0,30}?\s(?:at|from|for)\s[$€£]\d)/gi,
  )) {
    clauses.push(sentence.slice(from, m.index));
    from = m.index + m[0].length;
  }
  clauses.push(sentence.slice(from));
  const hit = clauses.find((c) => c.includes(figure));
  if (!hit) return sentence;
  // ("..., Gary Hughes, gives 30-minute lessons for £30": cut from its giver, the thing given.)
  let out = hit
    .trim()
    .replace(/^(or|and)\s+/i, '')
    .replace(givenThing, '');
  // "£45 for medium dogs" said with what it prices: "A full groom is £45 for medium dogs."
  const lead = clauses[0] ?? '';
  const firstPrice = lead.search(new RegExp(priceRe.source, 'i'));
  // "Each class costs £7.50, or £75 for a 12-week term": what each one costs is not the other
  // price's; that is said on its own ("A 12-week term paid upfront is £75."), never "Each
  // class costs £75 for a ...".
  const offer = /^([$€£]\d[\d,]*(?:\.\d{1,2})?)\s+for\s+(.+?)\.?$/i.exec(out);
  if (hit !== lead && offer && /^\s*(?:each|every)\s/i.test(lead))
    return `${offer[2]!.replace(/^./, (c) => c.toUpperCase())} is ${offer[1]}.`;
  if (
    hit !== lead &&
    /^[$€£]\d/.test(out) &&
    firstPrice > 0 &&
    /\b(?:is|are|costs?)\s+$/i.test(lead.slice(0, firstPrice))
  )
    out = `${lead.slice(0, firstPrice)}${out}`;
  // "... and detached houses at £25" of "Terraced houses start at £14 and ...": the verb the
  // second thing shares with the first is said with it ("Detached houses start at £25.").
  const gapped = /^([a-z][\w' -]*?)\s+(at|from)\s+([$€£]\d.*)$/i.exec(out);
  const verb = /\s((?:starts?|begins?|costs?|is|are)\s+(?:at|from))\s*[$€£]\d/i.exec(lead)?.[1];
  if (hit !== lead && gapped && verb && verb.toLowerCase().endsWith(gapped[2]!.toLowerCase()))
    out = `${gapped[1]} ${verb} ${gapped[3]}`;
  out = out.replace(/^./, (c) => c.toUpperCase());
  return /[.!?]$/.test(out) ? out : `${out}.`;
}

/**
 * A table row as the documents store it ("Membership: Student membership (valid student ID
 * required); Price: $32 per month") as a receptionist says it: "Student membership (valid
 * student ID required) is $32 per month." Other columns follow by their names ("..., duration
 * 15 min"). Text that is not such a row comes back as it is.
 */
export function recordSpeech(text: string): string {
  const fields = text
    .replace(/\.\s*$/, '')
    .split(/\s*;\s*/)
    .map((f) => /^([^:]{1,30}):\s*(.+)$/.exec(f.trim()));
  if (fields.length < 2 || fields.some((f) => !f)) return text;
  const [first, ...rest] = fields as RegExpExecArray[];
  let out = first?.[2] ?? '';
  for (const f of rest) {
    const label = f[1]!.trim().toLowerCase();
    // "Stage: Stage 6" is said "Stage 6", not "stage Stage 6".
    const named = f[2]!.toLowerCase().startsWith(label);
    out += priceLabel.test(f[1]!) ? ` is ${f[2]}` : named ? `, ${f[2]}` : `, ${label} ${f[2]}`;
  }
  return `${out}.`;
}

/**
 * A table row read without its header ("Friday | 8:00 am – 3:00 pm") as a sentence: the first
 * cell names the row, the others follow it ("Friday: 8:00 am – 3:00 pm.").
 */
export function tableRowSpeech(text: string): string {
  const cells = text.split(/\s+\|\s+/);
  if (cells.length < 2 || cells.some((c) => !c.trim())) return text;
  const [first, ...rest] = cells;
  const out = `${first!.trim()}: ${rest.map((c) => c.trim()).join(', ')}`;
  return /[.!?]$/.test(out) ? out : `${out}.`;
}
