/**
 * Numeric values and first two derivatives of the whitelisted functions, shared by the
 * expression evaluator and the model programs' AD kernels. Written for accuracy where the naive
 * formula cancels or overflows (sigmoid, tanh).
 */
import { UNARY_FNS, type UnaryFn } from '../kernel/expr-ast.js';

/** Integer code of a function (its index in UNARY_FNS), for Int32Array programs. */
export function fnCode(fn: UnaryFn): number {
  return UNARY_FNS.indexOf(fn);
}

/** σ(x) = 1/(1+e^(−x)), without overflow for either sign. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** σ'(x) = σ(1−σ) = e/(1+e)² with e = e^(−|x|): no cancellation in 1 − σ. */
export function sigmoidD1(x: number): number {
  const e = Math.exp(-Math.abs(x));
  const q = 1 + e;
  return e / (q * q);
}

/** σ''(x) = σ(1−σ)(1−2σ) = e·(e−1)/(1+e)³·sign(x), e = e^(−|x|); expm1 keeps e − 1 accurate. */
export function sigmoidD2(x: number): number {
  const e = Math.exp(-Math.abs(x));
  const q = 1 + e;
  const r = (e * Math.expm1(-Math.abs(x))) / (q * q * q);
  return x >= 0 ? r : -r;
}

/** sech²(x) = 1/cosh²(x); cosh overflows to ∞ far out, giving the right limit 0. */
function sech2(x: number): number {
  const c = Math.cosh(x);
  return 1 / (c * c);
}

/** f(x) for function code `code`. */
export function fnValue(code: number, x: number): number {
  switch (code) {
    case 0: return Math.exp(x);
    case 1: return Math.log(x);
    case 2: return Math.log1p(x);
    case 3: return Math.expm1(x);
    case 4: return Math.sqrt(x);
    case 5: return Math.sin(x);
    case 6: return Math.cos(x);
    case 7: return Math.tan(x);
    case 8: return Math.tanh(x);
    case 9: return Math.sinh(x);
    case 10: return Math.cosh(x);
    case 11: return Math.atan(x);
    case 12: return Math.abs(x);
    case 13: return sigmoid(x);
    default: throw new RangeError(`unknown function code ${code}`);
  }
}

/** f'(x). For abs, sign(x) with 0 at 0 (a subgradient; abs is not smooth there). */
export function fnD1(code: number, x: number): number {
  switch (code) {
    case 0: return Math.exp(x);
    case 1: return 1 / x;
    case 2: return 1 / (1 + x);
    case 3: return Math.exp(x);
    case 4: return 0.5 / Math.sqrt(x);
    case 5: return Math.cos(x);
    case 6: return -Math.sin(x);
    case 7: { const t = Math.tan(x); return 1 + t * t; }
    case 8: return sech2(x);
    case 9: return Math.cosh(x);
    case 10: return Math.sinh(x);
    case 11: return 1 / (1 + x * x);
    case 12: return x > 0 ? 1 : x < 0 ? -1 : 0;
    case 13: return sigmoidD1(x);
    default: throw new RangeError(`unknown function code ${code}`);
  }
}

/** f''(x). */
export function fnD2(code: number, x: number): number {
  switch (code) {
    case 0: return Math.exp(x);
    case 1: return -1 / (x * x);
    case 2: { const q = 1 + x; return -1 / (q * q); }
    case 3: return Math.exp(x);
    case 4: return -0.25 / (x * Math.sqrt(x));
    case 5: return -Math.sin(x);
    case 6: return -Math.cos(x);
    case 7: { const t = Math.tan(x); return 2 * t * (1 + t * t); }
    case 8: return -2 * Math.tanh(x) * sech2(x);
    case 9: return Math.sinh(x);
    case 10: return Math.cosh(x);
    case 11: { const q = 1 + x * x; return (-2 * x) / (q * q); }
    case 12: return 0;
    case 13: return sigmoidD2(x);
    default: throw new RangeError(`unknown function code ${code}`);
  }
}
