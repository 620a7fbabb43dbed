/**
 * What a caller tells about themselves around a question, which the question is not about:
 * when their own story happened ("back in March", "two weeks ago"), how far along a pregnancy
 * is ("six months pregnant"), where it hurts ("round my pelvis"), and "during the week" as the
 * weekdays; how they feel about what they ask for ("I'd feel more comfortable with") and a
 * yes/no tag after it ("is that possible"). Question-subject reads a question's subject words
 * from the text this leaves, so a told month or length is no time or length asked and "round"
 * is no thing.
 */

/** "During the week", "midweek": the weekdays, as a caller says them. */
export const duringTheWeek = /\bduring the week\b|\bmid-?week\b/gi;

/**
 * When the caller's own story happened ("I had my knee replaced back in March", "two weeks
 * ago", "last year", "if we can't make it one week"): the time of an event told, not of
 * anything asked.
 */
const toldWhen =
  /\bback in (?:january|february|march|april|may|june|july|august|september|october|november|december|the (?:spring|summer|autumn|winter))\b|\b(?:a|an|one|two|three|four|five|six|a few|couple of|\d+) (?:days?|weeks?|months?|years?) ago\b|\blast (?:week|month|year)\b|(?<=\b(?:make it|come|attend|go|be there|turn up|make the (?:lesson|class|session|appointment)) )(?:one|some|the odd|an odd|a) (?:week|day|morning|afternoon|evening|night|weekend)\b/gi;

/** "Six months pregnant": how far along, not a length asked. */
const pregnancyLength =
  /\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|a few) (?:weeks?|months?) (?=pregnant\b)/gi;

/** "Round my pelvis": "round" as "around" (where it hurts), no thing such as a round of golf. */
const roundAbout = /\b(?:a)?round (?=(?:my|the|your|his|her|our|their|its) )/gi;

/**
 * A yes/no tag after what the caller would like ("..., is that possible?", "would that be OK",
 * "can you do that"): it asks whether the rest can be had, and names nothing itself.
 */
export const yesNoTag =
  /[,.;]?\s*\b(?:is|would|will) (?:that|it|this) (?:be )?(?:possible|ok|okay|alright|all right|doable|allowed|a problem|an option)\s*[?.!]*\s*$|[,.;]?\s*\b(?:can|could|would|do) you (?:do|manage|arrange|sort(?: out)?) (?:that|it|this)\s*[?.!]*\s*$/i;

/**
 * How the caller feels about what they ask for ("I'd feel more comfortable with a woman", "we'd
 * be happier with", "I'd prefer"): the wish is the thing named after it.
 */
const preference =
  /\b(?:i|we)(?:'d| would) (?:feel |be )?(?:a lot |much |a bit )?(?:more comfortable|happier|prefer|rather have|rather)\b/gi;

/**
 * The question's text with the caller's context taken out or said plainly. `keepToldTime`: a
 * time the caller tells ("last week") stays, as when the question asks a time and it may be the
 * one asked.
 */
export function withoutCallerContext(text: string, keepToldTime: boolean): string {
  const told = keepToldTime ? text : text.replace(toldWhen, ' ');
  return told
    .replace(duringTheWeek, 'weekdays')
    .replace(pregnancyLength, '')
    .replace(roundAbout, 'about ')
    .replace(yesNoTag, '?')
    .replace(preference, ' ');
}
