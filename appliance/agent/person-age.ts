/**
 * How old a person word says someone is, for prices by age group (price-whose.ts) and for a
 * page's young age groups ("under 16s", question-subject.ts). By WordNet's is-a where it is
 * reliable ("kid", "teenager" are juveniles) and by word where it is not ("boy" and "girl" are
 * WordNet adults too, through "male person" and "young woman").
 */
import type { KnowledgeBook } from './book.js';

/** A child or teenager: "kids", "my son's a teen", "a toddler". */
export function youngWord(book: Pick<KnowledgeBook, 'isA'>, w: string): boolean {
  return (
    /^(?:kids?|children|boys?|girls?|lads?|lasses?|teens?|teenagers?|bab(?:y|ies)|infants?)$/.test(w) ||
    book.isA(w, 'juvenile')
  );
}

/**
 * The age a person word stands for, in years: a baby 1, a child 10, a teenager 15, an adult 40,
 * a pensioner 70; null for a person of no told age ("daughter", "friend"); undefined for a word
 * naming no person.
 */
export function personAge(book: Pick<KnowledgeBook, 'isA'>, w: string): number | null | undefined {
  if (/^(?:bab(?:y|ies)|infants?)$/.test(w)) return 1;
  if (/^(?:teens?|teenagers?|adolescents?)$/.test(w)) return 15;
  if (youngWord(book, w)) return 10;
  if (/^(?:seniors?|pensioners?|oaps?|retirees?)$/.test(w) || book.isA(w, 'old person')) return 70;
  if (book.isA(w, 'adult')) return 40;
  return book.isA(w, 'person') ? null : undefined;
}
