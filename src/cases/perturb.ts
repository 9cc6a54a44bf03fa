/**
 * The label perturbation of Theorem 2.1 ("for generic data"): `perturb: ε` moves every target
 * by at most ε, seeded, so that the targets are almost surely a regular value of
 * G(w) = (f(w, x₁), …, f(w, x_d)) (Sard). Only the targets move; the inputs stay.
 *
 * How: target r is moved to the nearest point of the grid sᵣ + εℤ, where the offset
 * sᵣ = ε·uᵣ comes from the case's seed (uᵣ uniform in [0, 1), a multiple of 2⁻³²). Given the old
 * target, the new one is spread evenly over a window of width ε around it, as generic as an
 * additive random move, and the move is at most ε/2. The map is idempotent: a target already on
 * its grid stays put, so a case perturbed twice (a certificate re-checked, a walkthrough that
 * perturbs again) is perturbed once.
 *
 * Exactness: the new target is rounded to binary64 and its exact value is that float, so the
 * exact (`yExact`) and float (`y`) targets stay the same number.
 */
import type { Case } from './types.js';
import { cmp, fromNumber, mul, rat, sub, toNumber, add, type Rational } from '../kernel/rational.js';
import { rngFor } from '../numeric/random.js';

/** The prefix of the note perturbTargets adds to `data.notes`. */
export const PERTURB_NOTE = 'perturb:';

/** The nearest integer to a (halves round up), exactly. */
function roundRational(a: Rational): bigint {
  // floor((2·num + den) / (2·den)), with floor division for negative numerators
  const n = 2n * a.num + a.den;
  const d = 2n * a.den;
  const q = n / d;
  return n < 0n && q * d !== n ? q - 1n : q;
}

const absR = (a: Rational): Rational => (a.num < 0n ? { num: -a.num, den: a.den } : a);

/** One target moved onto its grid: the new float and its exact value, or undefined if it cannot move by ≤ ε. */
function snap(y: Rational, eps: Rational, u: number): { value: number; exact: Rational } | undefined {
  const s = mul(eps, fromNumber(u));
  const q = roundRational(mul(sub(y, s), { num: eps.den, den: eps.num }));
  const target = add(s, mul(eps, rat(q)));
  const value = toNumber(target);
  if (!Number.isFinite(value)) return undefined;
  const exact = fromNumber(value);
  return cmp(absR(sub(exact, y)), eps) <= 0 ? { value, exact } : undefined;
}

/**
 * The case with its targets perturbed by at most `c.perturb`, seeded by `c.seed`, with a note
 * in `data.notes` saying what moved. Returns `c` itself when `perturb` is 0 or when the targets
 * are already on their grid (idempotent).
 */
export function perturbTargets(c: Case): Case {
  const epsNumber = c.perturb;
  if (!(epsNumber > 0) || !Number.isFinite(epsNumber)) return c;
  const eps = fromNumber(epsNumber);
  const rng = rngFor(c.seed, 'perturb');
  const { d, k } = c.data;
  const y: Float64Array[] = [];
  const yExact: Rational[][] = [];
  let moved = 0;
  let stuck = 0;
  let largest = 0;
  let largestAt = '';
  for (let i = 0; i < d; i++) {
    const row = new Float64Array(k);
    const rowExact: Rational[] = [];
    for (let o = 0; o < k; o++) {
      const old = c.data.yExact[i]![o]!;
      // One draw per target whether or not it can move, so targets keep their offsets.
      const got = snap(old, eps, rng.uniform());
      if (got === undefined) {
        stuck++;
        row[o] = c.data.y[i]![o]!;
        rowExact.push(old);
        continue;
      }
      row[o] = got.value;
      rowExact.push(got.exact);
      const move = Math.abs(toNumber(sub(got.exact, old)));
      if (cmp(got.exact, old) !== 0) moved++;
      if (move > largest) {
        largest = move;
        largestAt = k === 1 ? `y[${i}]` : `y[${i}][${o}]`;
      }
    }
    y.push(row);
    yExact.push(rowExact);
  }
  if (moved === 0) return c;
  const where = largestAt === '' ? '' : ` (largest ${largest.toPrecision(3)} at ${largestAt})`;
  const stuckText =
    stuck > 0 ? `; ${stuck} target(s) left as they were: ε is below the float spacing there` : '';
  const note =
    `${PERTURB_NOTE} ${moved} of ${d * k} targets moved by at most ε/2 = ${(epsNumber / 2).toPrecision(3)}` +
    `${where}, onto a grid of step ε = ${epsNumber} with offsets from seed ${c.seed}${stuckText}`;
  return { ...c, data: { ...c.data, y, yExact, notes: [...c.data.notes, note] } };
}

/** The perturbation note of a case, if its targets were perturbed. */
export function perturbationNote(c: Case): string | undefined {
  return c.data.notes.find((n) => n.startsWith(PERTURB_NOTE));
}

/** The case with `perturb: ε` set and applied (for a walkthrough key that perturbs on demand). */
export function withPerturbation(c: Case, eps: number): Case {
  return perturbTargets({ ...c, perturb: eps });
}
