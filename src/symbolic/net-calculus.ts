/**
 * Symbolic calculus of a tiny net's loss L(w) = s·Σᵣ fᵣ(w)² (s = 1 for the sum loss, 1/d for
 * the mean), derivatives by mathjs `derivative`, organised so that the work stays small:
 *
 * - per-residual pieces: ∂fᵣ/∂wₚ for every r, p, and ∂²fᵣ/∂wₚ∂w_q for p ≤ q, each by mathjs on
 *   the small tree of one residual; a derivative whose tree does not mention the variable is 0
 *   by structure and never sent to mathjs (most pairs, in a layered net);
 * - the gradient ∂L/∂wₚ = s·Σᵣ ∂(fᵣ²)/∂wₚ, by mathjs on each piece fᵣ² and summed (nothing is
 *   expanded: a sum over samples stays a sum);
 * - the Hessian by the same per-piece rule, ∂²(fᵣ²)/∂wₚ∂w_q = 2(∂ₚfᵣ ∂_q fᵣ + fᵣ ∂ₚ∂_q fᵣ), from the
 *   pieces above: each derivative is computed once and shared (common subexpressions).
 *
 * mathjs results come back into our Expr tree (fromMathNode), which folds the 0s and 1s mathjs
 * leaves without its (slow) simplify.
 */
import { mathjs } from '../expr/mathjs-lazy.js';
import { add, compileExpr, mul, neg, num, pow, sub, toMathNode, type Expr } from '../expr/index.js';
import { fromMathNode } from './from-mathjs.js';
import type { ClosedForm } from './closed-form.js';
import { SymbolicLimit, checkSymbolicDeadline } from './budget.js';

/**
 * mathjs trees are not shared, so a derivative's cost follows the unfolded size of its argument;
 * a deep net's nested σ doubles it per layer and per derivative. Past these the calculus stops
 * (SymbolicLimit) rather than grow past memory: one argument of more than MAX_TREE_NODES nodes,
 * or more than MAX_TOTAL_NODES nodes sent to mathjs in all.
 */
export const MAX_TREE_NODES = 20_000;
export const MAX_TOTAL_NODES = 2_000_000;

const sizeCache = new WeakMap<Expr, number>();

/** The number of nodes of e written out as a tree (shared subtrees counted each time), capped. */
export function unfoldedSize(e: Expr, cap = Number.MAX_SAFE_INTEGER): number {
  const hit = sizeCache.get(e);
  if (hit !== undefined) return hit;
  // iterative post-order: a deep tree must not exhaust the call stack
  const stack: Expr[] = [e];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (sizeCache.has(top)) {
      stack.pop();
      continue;
    }
    const kids = top.kind === 'neg' || top.kind === 'call' ? [top.arg] : 'left' in top ? [top.left, top.right] : [];
    const missing = kids.filter((k) => !sizeCache.has(k));
    if (missing.length > 0) {
      stack.push(...missing);
      continue;
    }
    stack.pop();
    sizeCache.set(top, Math.min(cap, kids.reduce((a, k) => a + sizeCache.get(k)!, 1)));
  }
  return sizeCache.get(e)!;
}

/** Work done so far by one calculus, against the bounds above. */
interface Tally {
  mathjs: number;
  structuralZeros: number;
  nodes?: number;
}

const ZERO = num(0);
const TWO = num(2);

const symbolCache = new WeakMap<Expr, ReadonlySet<string>>();

/** The symbols of e, cached per node (trees share subtrees, and are asked many times). */
function symbolSet(e: Expr): ReadonlySet<string> {
  const hit = symbolCache.get(e);
  if (hit) return hit;
  let out: ReadonlySet<string>;
  switch (e.kind) {
    case 'num':
    case 'const':
      out = new Set();
      break;
    case 'sym':
      out = new Set([e.name]);
      break;
    case 'neg':
    case 'call':
      out = symbolSet(e.arg);
      break;
    default: {
      const a = symbolSet(e.left);
      const b = symbolSet(e.right);
      out = a.size === 0 ? b : b.size === 0 ? a : new Set([...a, ...b]);
    }
  }
  symbolCache.set(e, out);
  return out;
}

/** Whether e mentions the symbol id. */
export const mentions = (e: Expr, id: string): boolean => symbolSet(e).has(id);

/**
 * d e / d id: linearity and constant factors are applied here (a sum differentiates term by
 * term, c·u to c·u′ when c does not mention id), every other piece goes to mathjs `derivative`;
 * a piece that does not mention id is 0 by structure. `count` tallies both.
 */
export function structuredDiff(e: Expr, id: string, count?: Tally): Expr {
  if (!mentions(e, id)) {
    if (count) count.structuralZeros++;
    return ZERO;
  }
  switch (e.kind) {
    case 'add':
      return add(structuredDiff(e.left, id, count), structuredDiff(e.right, id, count));
    case 'sub':
      return sub(structuredDiff(e.left, id, count), structuredDiff(e.right, id, count));
    case 'neg':
      return neg(structuredDiff(e.arg, id, count));
    case 'mul':
      if (!mentions(e.left, id)) return mul(e.left, structuredDiff(e.right, id, count));
      if (!mentions(e.right, id)) return mul(structuredDiff(e.left, id, count), e.right);
      break;
    case 'sym':
      return num(1);
    default:
      break;
  }
  if (count) count.mathjs++;
  checkSymbolicDeadline('the symbolic derivatives');
  const size = unfoldedSize(e, MAX_TOTAL_NODES + 1);
  if (size > MAX_TREE_NODES) throw new SymbolicLimit(`a derivative's argument has ${size} nodes written out, more than the ${MAX_TREE_NODES} symbolic work is bounded by`);
  if (count) {
    count.nodes = (count.nodes ?? 0) + size;
    if (count.nodes > MAX_TOTAL_NODES) throw new SymbolicLimit(`the symbolic derivatives passed ${MAX_TOTAL_NODES} nodes sent to computer algebra, the bound on symbolic work`);
  }
  return fromMathNode(mathjs().derivative(toMathNode(e), id, { simplify: false }));
}

export interface NetCalculus {
  readonly cf: ClosedForm;
  /** s in L = s·Σ fᵣ² */
  readonly scale: number;
  /** L(w) */
  readonly loss: Expr;
  /** ∂L/∂wₚ, one per parameter */
  readonly gradient: readonly Expr[];
  /** ∂fᵣ/∂wₚ: rows r, columns p */
  readonly jacobian: readonly (readonly Expr[])[];
  /** per residual r, the nonzero ∂²fᵣ/∂wₚ∂w_q (p ≤ q) keyed by p·n + q */
  readonly residualHessians: readonly ReadonlyMap<number, Expr>[];
  /** how many derivatives went to mathjs, and how many were 0 by structure */
  readonly counts: { readonly mathjs: number; readonly structuralZeros: number };
}

/** Builds L, ∇L, the Jacobian and the residuals' Hessians of a closed form. */
export function netCalculus(cf: ClosedForm, scale = 1): NetCalculus {
  const n = cf.ids.length;
  const counts: Tally = { mathjs: 0, structuralZeros: 0, nodes: 0 };
  const scaled = (e: Expr): Expr => (scale === 1 ? e : mul(num(scale), e));
  const sum = (es: Expr[]): Expr => es.reduce((a, b) => add(a, b), ZERO);

  const loss = scaled(sum(cf.residuals.map((r) => pow(r, TWO))));
  const jacobian = cf.residuals.map((r) => cf.ids.map((id) => structuredDiff(r, id, counts)));
  // ∂(fᵣ²)/∂wₚ = 2 fᵣ ∂fᵣ/∂wₚ: the per-sample pieces, summed
  const gradient = cf.ids.map((_, p) =>
    scaled(sum(cf.residuals.map((r, i) => mul(mul(TWO, r), jacobian[i]![p]!)))),
  );
  const residualHessians = jacobian.map((row) => {
    const h = new Map<number, Expr>();
    for (let p = 0; p < n; p++) {
      const jp = row[p]!;
      for (let q = p; q < n; q++) {
        const e = structuredDiff(jp, cf.ids[q]!, counts);
        if (!(e.kind === 'num' && e.value === 0)) h.set(p * n + q, e);
      }
    }
    return h;
  });
  return { cf, scale, loss, gradient, jacobian, residualHessians, counts };
}

/** The closed-form quantities evaluated at one point. */
export interface NetValues {
  readonly residuals: Float64Array;
  readonly loss: number;
  readonly gradient: Float64Array;
  /** rows × n, row-major */
  readonly jacobian: Float64Array;
  /** ∇²L, n × n row-major */
  readonly hessian: Float64Array;
  /** the two terms of ∇²L = 2s·JᵀJ + 2s·Σ fᵣ∇²fᵣ, n × n each */
  readonly gaussNewton: Float64Array;
  readonly curvature: Float64Array;
}

/**
 * Evaluates every piece at w (compiled closures, no mathjs evaluator) and assembles ∇²L from
 * the per-residual pieces: ∇²L = 2s·Σᵣ (∇fᵣ∇fᵣᵀ + fᵣ∇²fᵣ).
 */
export function evaluateCalculus(nc: NetCalculus, w: Float64Array): NetValues {
  const ids = nc.cf.ids;
  const n = ids.length;
  const rows = nc.cf.residuals.length;
  const at = (e: Expr): number => (e.kind === 'num' ? e.value : compileExpr(e, ids)(w));
  const residuals = Float64Array.from(nc.cf.residuals, at);
  const gradient = Float64Array.from(nc.gradient, at);
  const jacobian = new Float64Array(rows * n);
  nc.jacobian.forEach((row, r) => row.forEach((e, p) => (jacobian[r * n + p] = at(e))));
  const gaussNewton = new Float64Array(n * n);
  const curvature = new Float64Array(n * n);
  const s2 = 2 * nc.scale;
  for (let r = 0; r < rows; r++) {
    const J = jacobian.subarray(r * n, (r + 1) * n);
    for (let p = 0; p < n; p++) {
      const jp = J[p]!;
      if (jp === 0) continue;
      for (let q = p; q < n; q++) gaussNewton[p * n + q]! += s2 * jp * J[q]!;
    }
    const fr = residuals[r]!;
    for (const [key, e] of nc.residualHessians[r]!) curvature[key]! += s2 * fr * at(e);
  }
  const hessian = new Float64Array(n * n);
  for (let p = 0; p < n; p++) {
    for (let q = p; q < n; q++) {
      const g = gaussNewton[p * n + q]!;
      const c = curvature[p * n + q]!;
      gaussNewton[q * n + p] = g;
      curvature[q * n + p] = c;
      hessian[p * n + q] = hessian[q * n + p] = g + c;
    }
  }
  return { residuals, loss: at(nc.loss), gradient, jacobian, hessian, gaussNewton, curvature };
}
