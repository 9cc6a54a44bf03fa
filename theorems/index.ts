/**
 * The theorem modules, in the paper's order. An explicit list: what runs is what is written here.
 */
import type { Case } from '../src/cases/types.js';
import type { Theorem } from '../src/proof/types.js';
import theorem2_1 from './2.1.js';
import theorem2_2 from './2.2.js';
import theorem2_3 from './2.3.js';
import theorem3_3 from './3.3.js';
import theorem3_4 from './3.4.js';
import theorem4_1 from './4.1.js';
import theorem4_2 from './4.2.js';

export { PAPER_NAMES, paperName } from './names.js';

export const THEOREMS: readonly Theorem[] = [theorem2_1, theorem2_2, theorem2_3, theorem3_3, theorem3_4, theorem4_1, theorem4_2];

export const THEOREM_IDS = ['2.1', '2.2', '2.3', '3.3', '3.4', '4.1', '4.2'] as const;

export function findTheorem(id: string): Theorem | undefined {
  return THEOREMS.find((t) => t.id === id);
}

/** The theorems to run on a case: the ones asked for, else the case's list, else all that fit. */
export function selectTheorems(c: Case, requested: readonly string[] = []): Theorem[] {
  const ids = requested.length > 0 ? requested : c.theorems;
  if (ids && ids.length > 0) return ids.map((id) => findTheorem(id)).filter((t): t is Theorem => t !== undefined);
  return THEOREMS.filter((t) => t.fits(c));
}
