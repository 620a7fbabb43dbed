/**
 * One thing's prices for cases ("A full groom is £35 for small dogs, £45 for medium dogs and £60
 * for large dogs": items "full groom for small dogs", ... by graph/extract.ts): which case the
 * caller named, and when the row is said whole.
 */
import { itemStems, named } from './item-kind.js';
import type { PricedMatch } from './item-match.js';
import type { QueryWord } from './coverage.js';

/**
 * "A full groom for a medium dog" of full grooms for small, medium and large dogs: the words that
 * tell `p` from `x` are all the caller's and none of the other's are, so however close their
 * scores, the two are told apart.
 */
export function toldApart(p: PricedMatch, x: PricedMatch, asked: readonly QueryWord[]): boolean {
  const theirs = new Set(itemStems(x.item));
  const mine = new Set(itemStems(p.item));
  const own = [...mine].filter((t) => !theirs.has(t));
  const other = [...theirs].filter((t) => !mine.has(t));
  return (
    own.length > 0 &&
    other.length > 0 &&
    own.every((t) => named(asked, t) >= 0.8) &&
    other.every((t) => named(asked, t) < 0.5)
  );
}

/**
 * The item is one case of a row of prices for cases ("full groom for medium dogs" of "is £35 for
 * small dogs, £45 for medium dogs ...", graph/extract.ts) and the caller named none of its
 * case's words: the row is the answer, not its first case.
 */
export function caseRow(
  best: PricedMatch,
  scored: readonly PricedMatch[],
  asked: readonly QueryWord[],
): boolean {
  const at = best.item.lastIndexOf(' for ');
  if (at < 0) return false;
  const base = best.item.slice(0, at);
  const siblings = scored.filter(
    (x) => x.sentenceId === best.sentenceId && x.amount !== best.amount && x.item.startsWith(`${base} for `),
  );
  if (!siblings.length) return false;
  // Only the words that tell the cases apart: "dog" of "small dogs" is every case's.
  const caseOf = (item: string): string[] => itemStems(item.slice(item.lastIndexOf(' for ') + 5));
  const telling = caseOf(best.item).filter((t) => siblings.some((x) => !caseOf(x.item).includes(t)));
  return !telling.some((t) => named(asked, t) >= 0.5);
}
