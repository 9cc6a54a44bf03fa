/**
 * Interval evaluation of every model kind over a box of parameters: the outputs f(w, xᵢ), the
 * residuals f(w, xᵢ) − yᵢ against the case's EXACT data (each datum enclosed by its tightest
 * float interval), and columns of the Jacobian, all as enclosures valid at every point of the box.
 *
 * mlp and dag run their program in intervals (interval-program.ts: forward, then one reverse
 * sweep per row). Expression models are evaluated from their parsed formulas in interval forward
 * mode (interval-expr.ts), so that e, π and folded constants are never rounded silently.
 * Rows are sample-major, as everywhere: row r = i·k + o.
 */
import { fromNumber, fromRational, sub, type Interval } from '../kernel/interval.js';
import type { ModelSpec } from '../cases/types.js';
import type { Rational } from '../kernel/rational.js';
import type { Expr } from '../expr/index.js';
import { constantDual, evalExprDual, variableDual, type IntervalDual } from './interval-expr.js';
import { IntervalTape } from './interval-program.js';
import type { ProgramModel } from './program-model.js';

/** The data as enclosures: x (d rows of m) and y (d rows of k). */
export interface IntervalData {
  readonly x: readonly (readonly Interval[])[];
  readonly y: readonly (readonly Interval[])[];
}

/** Encloses exact data (each entry its tightest float interval: a point when it is a float). */
export function intervalData(xExact: readonly (readonly Rational[])[], yExact: readonly (readonly Rational[])[]): IntervalData {
  return { x: xExact.map((r) => r.map(fromRational)), y: yExact.map((r) => r.map(fromRational)) };
}

/** A box that is the single point w. */
export const pointBox = (w: ArrayLike<number>): Interval[] => Array.from(w, fromNumber);

/** A model evaluated over boxes. */
export interface IntervalModel {
  readonly n: number;
  readonly k: number;
  /** f(w, xᵢ) over the box, d·k enclosures */
  outputs(box: readonly Interval[], x: IntervalData['x']): Interval[];
  /** f(w, xᵢ) − yᵢ over the box, d·k enclosures */
  residuals(box: readonly Interval[], data: IntervalData): Interval[];
  /**
   * ∂(f(w, xᵢ)_o)/∂w_j over the box for the columns j in `cols` (default: all n), as a
   * (d·k) × cols.length row-major list.
   */
  jacobian(box: readonly Interval[], x: IntervalData['x'], cols?: readonly number[]): Interval[];
}

/**
 * The interval model of a compiled model; `spec` is the case's model spec (an expression model
 * needs its input names, which the program does not keep).
 */
export function intervalModelOf(model: ProgramModel, spec: ModelSpec): IntervalModel {
  if (spec.kind === 'expression') {
    if (model.formulas === undefined) throw new RangeError('expression model without its formulas');
    return expressionModel(model, model.formulas, spec.inputs);
  }
  return programModel(model);
}

function checkBox(n: number, box: readonly Interval[]): void {
  if (box.length !== n) throw new RangeError(`expected a box of ${n} intervals, got ${box.length}`);
}

function residualsFrom(out: Interval[], y: IntervalData['y'], k: number): Interval[] {
  return out.map((f, r) => sub(f, y[Math.floor(r / k)]![r % k]!));
}

function programModel(model: ProgramModel): IntervalModel {
  const { n, k, program } = model;
  const outputs = (box: readonly Interval[], x: IntervalData['x']): Interval[] => {
    checkBox(n, box);
    const tape = new IntervalTape(program);
    const out: Interval[] = [];
    for (const xi of x) {
      tape.forward(box, xi);
      for (let o = 0; o < k; o++) out.push(tape.output(o));
    }
    return out;
  };
  return {
    n,
    k,
    outputs,
    residuals: (box, data) => residualsFrom(outputs(box, data.x), data.y, k),
    jacobian(box, x, cols) {
      checkBox(n, box);
      const tape = new IntervalTape(program);
      const grad = new Array<Interval>(n);
      const pick = cols ?? Array.from({ length: n }, (_, j) => j);
      const out: Interval[] = [];
      for (const xi of x) {
        tape.forward(box, xi);
        for (let o = 0; o < k; o++) {
          tape.reverse(o, grad);
          for (const j of pick) out.push(grad[j]!);
        }
      }
      return out;
    },
  };
}

function expressionModel(model: ProgramModel, formulas: readonly Expr[], inputNames: readonly string[]): IntervalModel {
  const { n, k, names } = model;
  const ZERO: Interval = { lo: 0, hi: 0 };
  const run = (box: readonly Interval[], xi: readonly Interval[], cols: readonly number[] | undefined): IntervalDual[] => {
    const env = new Map<string, IntervalDual>();
    const nd = cols?.length ?? 0;
    const slot = new Map<number, number>();
    cols?.forEach((j, s) => slot.set(j, s));
    names.forEach((name, j) => {
      const s = slot.get(j);
      env.set(name, s === undefined ? constantDual(box[j]!) : variableDual(box[j]!, s, nd));
    });
    inputNames.forEach((name, j) => env.set(name, constantDual(xi[j]!)));
    return formulas.map((f) => evalExprDual(f, env, nd));
  };
  const outputs = (box: readonly Interval[], x: IntervalData['x']): Interval[] => {
    checkBox(n, box);
    return x.flatMap((xi) => run(box, xi, undefined).map((r) => r.v));
  };
  return {
    n,
    k,
    outputs,
    residuals: (box, data) => residualsFrom(outputs(box, data.x), data.y, k),
    jacobian(box, x, cols) {
      checkBox(n, box);
      const pick = cols ?? Array.from({ length: n }, (_, j) => j);
      const out: Interval[] = [];
      for (const xi of x) {
        for (const r of run(box, xi, pick)) for (let s = 0; s < pick.length; s++) out.push(r.d?.[s] ?? ZERO);
      }
      return out;
    },
  };
}

