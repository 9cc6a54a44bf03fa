/**
 * Symbolic differentiation on the Expr tree, with the light 0/1 folding of the smart
 * constructors. Cross-checked in tests against mathjs `derivative` and finite differences.
 */
import {
  add,
  call,
  dependsOn,
  div,
  mul,
  neg,
  num,
  pow,
  sub,
  type Expr,
  type UnaryFn,
} from '../kernel/expr-ast.js';

const ONE = num(1);
const TWO = num(2);

/** f'(u) for a whitelisted f, as an expression in u. */
function outerDerivative(fn: UnaryFn, u: Expr): Expr {
  switch (fn) {
    case 'exp':
      return call('exp', u);
    case 'log':
      return div(ONE, u);
    case 'log1p':
      return div(ONE, add(ONE, u));
    case 'expm1':
      return call('exp', u);
    case 'sqrt':
      return div(ONE, mul(TWO, call('sqrt', u)));
    case 'sin':
      return call('cos', u);
    case 'cos':
      return neg(call('sin', u));
    case 'tan':
      return add(ONE, pow(call('tan', u), TWO));
    case 'tanh':
      return sub(ONE, pow(call('tanh', u), TWO));
    case 'sinh':
      return call('cosh', u);
    case 'cosh':
      return call('sinh', u);
    case 'atan':
      return div(ONE, add(ONE, pow(u, TWO)));
    case 'abs':
      // sign(u) as u/|u|: undefined at 0, where abs is not differentiable
      return div(u, call('abs', u));
    case 'sigmoid':
      return mul(call('sigmoid', u), sub(ONE, call('sigmoid', u)));
  }
}

/** d e / d symbol. */
export function diffExpr(e: Expr, symbol: string): Expr {
  if (!dependsOn(e, symbol)) return num(0);
  switch (e.kind) {
    case 'num':
    case 'const':
      return num(0);
    case 'sym':
      return num(e.name === symbol ? 1 : 0);
    case 'neg':
      return neg(diffExpr(e.arg, symbol));
    case 'call':
      return mul(outerDerivative(e.fn, e.arg), diffExpr(e.arg, symbol));
    case 'add':
      return add(diffExpr(e.left, symbol), diffExpr(e.right, symbol));
    case 'sub':
      return sub(diffExpr(e.left, symbol), diffExpr(e.right, symbol));
    case 'mul':
      return add(mul(diffExpr(e.left, symbol), e.right), mul(e.left, diffExpr(e.right, symbol)));
    case 'div': {
      const du = diffExpr(e.left, symbol);
      const dv = diffExpr(e.right, symbol);
      // (u/v)' = u'/v − u v'/v²
      return sub(div(du, e.right), div(mul(e.left, dv), pow(e.right, TWO)));
    }
    case 'pow': {
      const u = e.left;
      const v = e.right;
      if (!dependsOn(v, symbol)) {
        // (u^c)' = c u^(c−1) u'
        const vm1 = v.kind === 'num' ? num(v.value - 1) : sub(v, ONE);
        return mul(mul(v, pow(u, vm1)), diffExpr(u, symbol));
      }
      if (!dependsOn(u, symbol)) {
        // (a^v)' = a^v log(a) v'   (log e = 1)
        const loga = u.kind === 'const' && u.name === 'e' ? ONE : call('log', u);
        return mul(mul(e, loga), diffExpr(v, symbol));
      }
      // (u^v)' = u^v (v' log u + v u'/u), for u > 0
      return mul(e, add(mul(diffExpr(v, symbol), call('log', u)), div(mul(v, diffExpr(u, symbol)), u)));
    }
  }
}
