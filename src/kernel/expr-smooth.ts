/**
 * Smoothness of a formula, proven by interval arithmetic. The pieces that are not C^∞ on all of
 * ℝ are abs (kink at 0), sqrt (at 0; undefined below), log (undefined at 0 and below), log1p
 * (at −1), tan (at its poles), division (at a zero denominator), negative integer powers (at a
 * zero base) and real powers (at a base ≤ 0). A formula is C^∞ on an open neighbourhood of a
 * compact box when each such piece's argument is proven, over the box, strictly away from the
 * piece's singular set: the argument is continuous, so a strict bound on the box holds on some
 * neighbourhood of it. Over a box of [−∞, ∞] coordinates the proof covers all of ℝⁿ:
 * abs(w1^2 + 1) passes, since w1² + 1 encloses to [1, ∞].
 */
import type { Expr } from './expr-ast.js';
import { evalExactExpr } from './expr-exact.js';
import { encloseExpr, type DomainFailure } from './expr-interval.js';
import { ENTIRE, type Interval } from './interval.js';

/** A piece that is C^∞ only away from a singular set, and the condition that keeps it there. */
export interface SingularPiece {
  /** the piece itself: abs(u), sqrt(u), u/v, u^v, … */
  readonly piece: Expr;
  /** the subformula the condition constrains (u, or the denominator v) */
  readonly arg: Expr;
  readonly condition: 'nonzero' | 'positive' | 'greater-than-minus-one' | 'off-tan-poles';
}

/** A proven smoothness, with the enclosures that prove it. */
export interface ProvenSmooth {
  readonly smooth: true;
  /** every singular piece with its argument's enclosure over the box (empty: none, C^∞ by structure) */
  readonly pieces: readonly (SingularPiece & { readonly enclosure: Interval })[];
}

/** A smoothness not proven, naming the piece whose condition could not be shown. */
export interface UnprovenSmooth {
  readonly smooth: false;
  readonly piece: SingularPiece;
  /** the argument's enclosure over the box, when it has one */
  readonly enclosure: Interval | undefined;
  readonly reason: string;
}

export type Smoothness = ProvenSmooth | UnprovenSmooth;

/** The condition's statement in words, for messages: "> 0", "≠ 0", … */
export const CONDITION_TEXT: Readonly<Record<SingularPiece['condition'], string>> = {
  nonzero: '≠ 0',
  positive: '> 0',
  'greater-than-minus-one': '> −1',
  'off-tan-poles': 'avoids the poles (j + ½)π',
};

/** Whether an exponent is an integer literal (possibly signed, possibly a closed rational formula), and which. */
function integerExponent(e: Expr): bigint | undefined {
  if (!closed(e)) return undefined;
  const v = evalExactExpr(e, new Map());
  return v.kind === 'rational' && v.value.den === 1n ? v.value.num : undefined;
}

function closed(e: Expr): boolean {
  switch (e.kind) {
    case 'num':
    case 'const':
      return true;
    case 'sym':
      return false;
    case 'neg':
    case 'call':
      return closed(e.arg);
    default:
      return closed(e.left) && closed(e.right);
  }
}

/** The singular pieces of a formula, inner pieces first. */
export function singularPieces(e: Expr): SingularPiece[] {
  const out: SingularPiece[] = [];
  const walk = (x: Expr): void => {
    switch (x.kind) {
      case 'num':
      case 'sym':
      case 'const':
        return;
      case 'neg':
        walk(x.arg);
        return;
      case 'call':
        walk(x.arg);
        switch (x.fn) {
          case 'abs':
            out.push({ piece: x, arg: x.arg, condition: 'nonzero' });
            break;
          case 'sqrt':
          case 'log':
            out.push({ piece: x, arg: x.arg, condition: 'positive' });
            break;
          case 'log1p':
            out.push({ piece: x, arg: x.arg, condition: 'greater-than-minus-one' });
            break;
          case 'tan':
            out.push({ piece: x, arg: x.arg, condition: 'off-tan-poles' });
            break;
          default:
            break; // exp, expm1, sin, cos, tanh, sinh, cosh, atan, sigmoid: C^∞ on ℝ
        }
        return;
      case 'div':
        walk(x.left);
        walk(x.right);
        out.push({ piece: x, arg: x.right, condition: 'nonzero' });
        return;
      case 'pow': {
        walk(x.left);
        walk(x.right);
        if (x.left.kind === 'const' && x.left.name === 'e') return; // e^v = exp(v)
        const k = integerExponent(x.right);
        if (k !== undefined && k >= 0n) return; // a polynomial power
        out.push({ piece: x, arg: x.left, condition: k !== undefined ? 'nonzero' : 'positive' });
        return;
      }
      default:
        walk(x.left);
        walk(x.right);
    }
  };
  walk(e);
  return out;
}

/** Whether the enclosure v of a piece's argument proves its condition (NaN endpoints never do). */
export function conditionHolds(condition: SingularPiece['condition'], v: Interval): boolean {
  switch (condition) {
    case 'nonzero':
      return v.lo > 0 || v.hi < 0;
    case 'positive':
      return v.lo > 0;
    case 'greater-than-minus-one':
      return v.lo > -1;
    case 'off-tan-poles': {
      if (!(Math.max(Math.abs(v.lo), Math.abs(v.hi)) <= 2 ** 20)) return false;
      // the same branch test as the interval evaluator: tan(u) encloses finitely only inside one branch
      const t = encloseExpr({ kind: 'call', fn: 'tan', arg: { kind: 'sym', name: 'u' } }, new Map([['u', v]]));
      return t.ok;
    }
  }
}

/**
 * Whether e is C^∞ on an open neighbourhood of the box (or on all of ℝⁿ where the box's
 * coordinates are [−∞, ∞]): every singular piece's argument proven away from its singular set.
 */
export function smoothOnBox(e: Expr, box: ReadonlyMap<string, Interval>): Smoothness {
  const pieces: (SingularPiece & { enclosure: Interval })[] = [];
  for (const p of singularPieces(e)) {
    const r = encloseExpr(p.arg, box);
    if (!r.ok) return { smooth: false, piece: p, enclosure: undefined, reason: undefinedText(r) };
    if (!conditionHolds(p.condition, r.value)) {
      return { smooth: false, piece: p, enclosure: r.value, reason: `its argument is not proven ${CONDITION_TEXT[p.condition]}: it encloses to [${r.value.lo}, ${r.value.hi}]` };
    }
    pieces.push({ ...p, enclosure: r.value });
  }
  return { smooth: true, pieces };
}

/**
 * Whether the enclosure v of a piece's argument proves its condition false at every point
 * (the argument is ≤ 0 throughout, for a condition > 0): a point box with such an enclosure is
 * certainly outside the piece's smooth domain.
 */
export function conditionViolated(condition: SingularPiece['condition'], v: Interval): boolean {
  switch (condition) {
    case 'nonzero':
      return v.lo === 0 && v.hi === 0;
    case 'positive':
      return v.hi <= 0;
    case 'greater-than-minus-one':
      return v.hi <= -1;
    case 'off-tan-poles':
      return false;
  }
}

function undefinedText(f: DomainFailure): string {
  return `its argument may be undefined (${f.reason})`;
}

/**
 * Whether e is C^∞ in the symbols `free` on all of their space, the other symbols held in the
 * intervals of `fixed` (the data of a case, say).
 */
export function smoothEverywhere(e: Expr, free: readonly string[], fixed: ReadonlyMap<string, Interval> = new Map()): Smoothness {
  const box = new Map(fixed);
  for (const s of free) box.set(s, ENTIRE);
  return smoothOnBox(e, box);
}
