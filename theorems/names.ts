/**
 * What the paper calls each of its results (Cooper 2018): the ids are its numbers, and two of the
 * seven are remarks, one a proposition, one a lemma and one a corollary. No imports, so the
 * screens and the command line can name a result without loading the theorem modules.
 */
export const PAPER_NAMES = {
  '2.1': 'Theorem 2.1',
  '2.2': 'Remark 2.2',
  '2.3': 'Proposition 2.3',
  '3.3': 'Lemma 3.3',
  '3.4': 'Corollary 3.4',
  '4.1': 'Theorem 4.1',
  '4.2': 'Remark 4.2',
} as const;

/** "Lemma 3.3" for '3.3'; an id the paper does not number is called a theorem. */
export function paperName(id: string): string {
  return Object.hasOwn(PAPER_NAMES, id) ? PAPER_NAMES[id as keyof typeof PAPER_NAMES] : `Theorem ${id}`;
}
