/**
 * Random expression trees that are smooth and real on all of ℝ^symbols ("safe by
 * construction"): log and sqrt get 1 + u², tan gets sin(u), division gets 1 + v², a general
 * power gets a positive base. Shared by the expression and model tests.
 */
import fc from 'fast-check';
import { binRaw, call, constant, negRaw, num, sym, type Expr } from '../../src/expr/index.js';

const ONE = num(1);
const sq = (u: Expr): Expr => binRaw('pow', u, num(2));
const onePlusSq = (u: Expr): Expr => binRaw('add', ONE, sq(u));

/** Smooth expressions in `symbols`, depth ≤ maxDepth. */
export function safeExpr(symbols: readonly string[], maxDepth = 4): fc.Arbitrary<Expr> {
  const leaf: fc.Arbitrary<Expr> = fc.oneof(
    { arbitrary: fc.constantFrom(...symbols).map(sym), weight: 6 },
    { arbitrary: fc.integer({ min: -3, max: 3 }).map(num), weight: 1 },
    { arbitrary: fc.integer({ min: -20, max: 20 }).map((i) => num(i / 8)), weight: 1 },
    { arbitrary: fc.constantFrom<Expr>(constant('e'), constant('pi')), weight: 1 },
  );
  type Fn = 'exp' | 'expm1' | 'sin' | 'cos' | 'tanh' | 'sinh' | 'cosh' | 'atan' | 'sigmoid';
  const fns: Fn[] = ['exp', 'expm1', 'sin', 'cos', 'tanh', 'sinh', 'cosh', 'atan', 'sigmoid'];
  const { expr } = fc.letrec<{ expr: Expr }>((tie) => {
    const u = tie('expr');
    const w = (arbitrary: fc.Arbitrary<Expr>, weight = 1) => ({ arbitrary, weight });
    return {
      expr: fc.oneof(
        { maxDepth, depthIdentifier: 'safe-expr', withCrossShrink: true },
        w(leaf, 4),
        w(u.map(negRaw)),
        w(
          fc
            .tuple(fc.constantFrom<'add' | 'sub' | 'mul'>('add', 'sub', 'mul'), u, u)
            .map(([k, a, b]) => binRaw(k, a, b)),
          3,
        ),
        w(fc.tuple(u, u).map(([a, b]) => binRaw('div', a, onePlusSq(b)))),
        w(fc.tuple(u, fc.integer({ min: 2, max: 3 })).map(([a, p]) => binRaw('pow', a, num(p)))),
        w(u.map((a) => binRaw('pow', onePlusSq(a), num(0.5)))),
        w(fc.tuple(u, u).map(([a, b]) => binRaw('pow', onePlusSq(a), call('sin', b)))),
        w(u.map((a) => binRaw('pow', constant('e'), call('sin', a)))),
        w(u.map((a) => call('log', onePlusSq(a)))),
        w(u.map((a) => call('log1p', sq(a)))),
        w(u.map((a) => call('sqrt', onePlusSq(a)))),
        w(u.map((a) => call('tan', call('sin', a)))),
        w(fc.tuple(fc.constantFrom(...fns), u).map(([f, a]) => call(f, a)), 5),
      ),
    };
  });
  return expr;
}

/** 5-point central difference of g at x (error O(h⁴)). */
export function fd5(g: (x: number) => number, x: number, h = 1e-3 * Math.max(1, Math.abs(x))): number {
  return (-g(x + 2 * h) + 8 * g(x + h) - 8 * g(x - h) + g(x - 2 * h)) / (12 * h);
}

/** |a − b| ≤ tol·(1 + max(|a|, |b|)). */
export function close(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol * (1 + Math.max(Math.abs(a), Math.abs(b)));
}
