/**
 * Symbolic steps for Proposition 2.3 on tiny nets (n ≤ 40): L(w) and ∇L(w) in closed form, and
 * the Hessian identity ∇²L = 2JᵀJ + 2Σᵢ fᵢ∇²fᵢ shown on the case.
 *
 * - `symbolic-gradient`: the residuals fᵢ(w) and L(w) = Σ fᵢ² (or the mean) are written out from
 *   the model spec and the case's data; ∂L/∂w comes from mathjs `derivative` on the per-sample
 *   pieces; evaluated at the point and checked against the models' numeric gradient (reverse
 *   mode). The certificate gets L and every ∂L/∂w as plain infix text in parameter identifiers
 *   (W1[0,1] → W1_0_1, b2[0] → b2_0, w[a->b] → w_a__b, b[v] → b_v; src/symbolic/param-ids.ts).
 * - `hessian-identity`: ∇²L from the per-sample second derivatives, split into 2JᵀJ and
 *   2Σ fᵢ∇²fᵢ; checked against the numeric Hessian and, on its diagonal, against mathjs
 *   differentiating ∂L/∂wₚ once more; at a point of M the second term vanishes (fᵢ = 0 there).
 *
 * Rigor: the derivatives are symbolic; agreement with the numeric models is a float cross-check,
 * with the tolerance in the data (a disagreement fails the step and shows both values). The
 * second term vanishes exactly at a true zero of F: the step takes the rigor with which the point
 * is known to be on M (src/proof/at-point.ts: exact, an interval enclosure, or float tolerance).
 */
import type { Case } from '../../src/cases/types.js';
import { buildModel } from '../../src/models/index.js';
import { gradLoss, hessianLoss } from '../../src/models/loss.js';
import { pointOf } from '../../src/workspace/point.js';
import { rngFor } from '../../src/numeric/random.js';
import { onMAt } from '../../src/workspace/jacobian.js';
import { modelOf } from '../../src/workspace/model-of.js';
import { weakest } from '../../src/evidence.js';
import { fails, holds, unknown, type Evidence, type Json, type Step } from '../../src/proof/types.js';
import type { Workspace } from '../../src/workspace/workspace.js';
import { MAX_CLOSED_FORM_N, closedForm, parameterCount, type ClosedForm } from '../../src/symbolic/closed-form.js';
import { compileExpr, exprToString } from '../../src/expr/index.js';
import { evaluateCalculus, netCalculus, structuredDiff, type NetCalculus, type NetValues } from '../../src/symbolic/net-calculus.js';
import { latexParam, toLatex, toUnicode } from '../../src/symbolic/pretty.js';

/** Relative tolerance for symbolic vs numeric agreement: |a − b| ≤ TOL·max(1, max|·|). */
export const SYMBOLIC_NUMERIC_TOL = 1e-8;
/** The second term counts as vanished when max|2Σ fᵢ∇²fᵢ| ≤ TOL·max(1, max|2JᵀJ|). */
export const VANISH_TOL = 1e-8;
/** Longest L text rendered for people (Unicode, LaTeX) in the step's data. */
const PRETTY_MAX_CHARS = 4000;

/** Where the closed forms are evaluated, and everything computed there. */
type SymbolicSetup =
  | {
      readonly ok: true;
      readonly w: Float64Array;
      /** on M (the case's point) or a seeded point because none was found */
      readonly onM: boolean;
      readonly where: string;
      readonly cf: ClosedForm;
      readonly nc: NetCalculus;
      readonly values: NetValues;
      readonly scale: number;
    }
  | { readonly ok: false; readonly reason: string };

/** The loss scale s of L = s·Σ fᵢ², or why the loss is not a square loss. */
function lossScale(c: Case): number | string {
  switch (c.loss.kind) {
    case 'sum':
      return 1;
    case 'mean':
      return 1 / c.data.d;
    case 'abs':
      return 'the loss Σ|fᵢ| is not a square loss';
    case 'power':
      return c.loss.a === 2 ? 1 : `the loss Σ|fᵢ|^${c.loss.a} is not a square loss`;
  }
}

/** The closed forms at the case's point of M (or a seeded point), built once per workspace. */
export function symbolicSetup(ws: Workspace): SymbolicSetup {
  return ws.memo('symbolic:setup', (): SymbolicSetup => {
    const c = ws.case_;
    const n = parameterCount(c);
    if (n > MAX_CLOSED_FORM_N) {
      return { ok: false, reason: `n = ${n} > ${MAX_CLOSED_FORM_N}: closed forms are written out only for tiny nets` };
    }
    const scale = lossScale(c);
    if (typeof scale === 'string') return { ok: false, reason: scale };
    const point = pointOf(ws);
    let w: Float64Array;
    let where: string;
    if (point.found) {
      w = point.values;
      where = `the case's point (${point.method})`;
    } else {
      const rng = rngFor(c.seed, 'symbolic');
      w = Float64Array.from({ length: n }, () => 2 * rng.uniform() - 1);
      where = `a seeded random point (no point of M: ${point.reason})`;
    }
    const cf = closedForm(c, w);
    if (cf.invalidAt !== undefined) {
      // L is not twice differentiable at w (a unit at the kink of a non-C² σ): no closed form
      // of L holds on a neighbourhood, so there is nothing for these steps to show
      return { ok: false, reason: `L is not twice differentiable at ${where}, so it has no closed form near it: ${cf.invalidAt}` };
    }
    const nc = netCalculus(cf, scale);
    const values = evaluateCalculus(nc, w);
    return {
      ok: true,
      w,
      onM: point.found,
      where,
      cf,
      nc,
      values,
      scale,
    };
  });
}

/** The largest difference of two arrays relative to max(1, their largest entry), and where. */
export function compareArrays(a: Float64Array, b: Float64Array): { rel: number; index: number } {
  let scale = 1;
  let worst = 0;
  let index = 0;
  for (let i = 0; i < a.length; i++) {
    scale = Math.max(scale, Math.abs(a[i]!), Math.abs(b[i]!));
    const d = Math.abs(a[i]! - b[i]!);
    if (!(d <= worst)) {
      worst = d;
      index = i;
    }
  }
  return { rel: Number.isNaN(worst) ? NaN : worst / scale, index };
}

const maxAbs = (a: Float64Array): number => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
const fmt = (v: number): string => v.toExponential(1);

function notAvailable(s: Extract<SymbolicSetup, { ok: false }>): Evidence {
  return { verdict: 'skipped', rigor: 'exact', summary: s.reason, data: {} };
}

function modelData(c: Case): { x: readonly Float64Array[]; y: readonly Float64Array[] } {
  return { x: c.data.x, y: c.data.y };
}

export const symbolicGradient: Step = {
  id: 'symbolic-gradient',
  title: 'L and ∇L in closed form',
  explain:
    'Writes each residual fᵢ(w) = f(w, xᵢ) − yᵢ out as a formula in the parameters, with the data as numbers, ' +
    'and L(w) = Σᵢ fᵢ(w)². Differentiates symbolically (mathjs), ∂L/∂w = Σᵢ 2fᵢ ∂fᵢ/∂w, evaluates at the point and ' +
    'compares with the numeric gradient of the model. For nets with n ≤ 40 parameters.',
  run(ctx): Evidence {
    const s = symbolicSetup(ctx.ws);
    if (!s.ok) return notAvailable(s);
    const c = ctx.case;
    const model = modelOf(ctx.ws);
    const numeric = gradLoss(model, s.w, modelData(c)).map((v) => v * s.scale);
    const g = compareArrays(s.values.gradient, numeric);
    const J = compareArrays(s.values.jacobian, model.jacobian(s.w, c.data.x));
    const ids = s.cf.ids;
    const gradient: Record<string, Json> = {};
    ids.forEach((id, p) => (gradient[id] = exprToString(s.nc.gradient[p]!)));
    const identifiers: Record<string, Json> = {};
    ids.forEach((id, p) => (identifiers[id] = s.cf.names[p]!));
    const lossText = exprToString(s.nc.loss);
    const display = (id: string): string => s.cf.names[ids.indexOf(id)] ?? id;
    const pretty = lossText.length <= PRETTY_MAX_CHARS;
    const piecewise = model.activation?.formula.piecewise === true;
    const data: Record<string, Json> = {
      loss: lossText,
      gradient,
      identifiers,
      at: s.where,
      tolerance: SYMBOLIC_NUMERIC_TOL,
      gradientRelDiff: g.rel,
      jacobianRelDiff: J.rel,
      inactiveUnits: s.cf.inactive.slice(0, 50),
      mathjsDerivatives: s.nc.counts.mathjs,
      zeroByStructure: s.nc.counts.structuralZeros,
      valid: piecewise
        ? 'near the point: each hidden unit uses the branch of σ active there (the formula for z > 0, 0 for z < 0)'
        : 'everywhere',
      ...(pretty
        ? {
            lossUnicode: toUnicode(s.nc.loss, display),
            lossLatex: toLatex(s.nc.loss, (id) => latexParam(id, s.cf.kind)),
          }
        : {}),
    };
    if (!(g.rel <= SYMBOLIC_NUMERIC_TOL) || !(J.rel <= SYMBOLIC_NUMERIC_TOL)) {
      const bad = !(g.rel <= SYMBOLIC_NUMERIC_TOL);
      const where = bad ? s.cf.names[g.index]! : `J row ${Math.floor(J.index / ids.length)}, ${s.cf.names[J.index % ids.length]!}`;
      const sym = bad ? s.values.gradient[g.index]! : s.values.jacobian[J.index]!;
      const num = bad ? numeric[g.index]! : model.jacobian(s.w, c.data.x)[J.index]!;
      return fails('float', `symbolic and numeric derivatives disagree at ${where}: ${sym} (symbolic) vs ${num} (numeric)`, {
        ...data,
        disagreement: { at: where, symbolic: sym, numeric: num },
      });
    }
    const extra = s.cf.inactive.length > 0 ? `; ${s.cf.inactive.length} unit-sample pairs inactive at w (σ = 0 branch)` : '';
    return holds(
      'symbolic',
      `∂L/∂w for all ${ids.length} parameters by mathjs; at ${s.where} it agrees with the numeric gradient to ${fmt(g.rel)} (tolerance ${SYMBOLIC_NUMERIC_TOL})${extra}`,
      data,
    );
  },
};

export const hessianIdentity: Step = {
  id: 'hessian-identity',
  title: '∇²L = 2JᵀJ + 2Σ fᵢ∇²fᵢ; the sum is 0 on M',
  explain:
    'Differentiates L twice, piece by piece: ∂²(fᵢ²) = 2(∇fᵢ∇fᵢᵀ + fᵢ∇²fᵢ), so ∇²L = 2JᵀJ + 2Σᵢ fᵢ∇²fᵢ. ' +
    'Checks the result against the numeric Hessian and, on the diagonal, against a second mathjs derivative ' +
    'of ∂L/∂w. At a point of M every fᵢ is 0, so the second term vanishes and ∇²L = 2JᵀJ.',
  needs: ['symbolic-gradient'],
  run(ctx): Evidence {
    const s = symbolicSetup(ctx.ws);
    if (!s.ok) return notAvailable(s);
    const c = ctx.case;
    const model = modelOf(ctx.ws);
    const n = s.cf.ids.length;
    const numeric = hessianLoss(model, s.w, modelData(c)).map((v) => v * s.scale);
    const h = compareArrays(s.values.hessian, numeric);
    // the diagonal once more, straight from ∂L/∂wₚ (an independent symbolic route)
    const direct = Float64Array.from(s.cf.ids, (id, p) => {
      const e = structuredDiff(s.nc.gradient[p]!, id);
      return e.kind === 'num' ? e.value : compileExpr(e, s.cf.ids)(s.w);
    });
    const diag = Float64Array.from({ length: n }, (_, p) => s.values.hessian[p * n + p]!);
    const dd = compareArrays(diag, direct);
    const G = maxAbs(s.values.gaussNewton);
    const S = maxAbs(s.values.curvature);
    const F = maxAbs(s.values.residuals);

    // off M: the same identity at a seeded nearby point, where the second term is alive
    const rng = rngFor(c.seed, 'symbolic-off-m');
    const w2 = Float64Array.from(s.w, (v) => v + 0.25 * (2 * rng.uniform() - 1));
    const off = closedForm(c, w2);
    let offM: Json = null;
    if (off.invalidAt === undefined) {
      const v2 = evaluateCalculus(netCalculus(off, s.scale), w2);
      const h2 = compareArrays(v2.hessian, hessianLoss(buildModel(c.model, c.data.m, c.data.k), w2, modelData(c)).map((v) => v * s.scale));
      offM = { maxResidual: maxAbs(v2.residuals), gaussNewtonMax: maxAbs(v2.gaussNewton), curvatureMax: maxAbs(v2.curvature), hessianRelDiff: h2.rel };
    }
    const data: Record<string, Json> = {
      at: s.where,
      tolerance: SYMBOLIC_NUMERIC_TOL,
      vanishTolerance: VANISH_TOL,
      hessianRelDiff: h.rel,
      diagonalRelDiff: dd.rel,
      gaussNewtonMax: G,
      curvatureMax: S,
      maxResidual: F,
      offM,
    };
    if (!(h.rel <= SYMBOLIC_NUMERIC_TOL) || !(dd.rel <= SYMBOLIC_NUMERIC_TOL)) {
      const useH = !(h.rel <= SYMBOLIC_NUMERIC_TOL);
      const i = useH ? h.index : dd.index;
      const p = useH ? Math.floor(i / n) : i;
      const q = useH ? i % n : i;
      const sym = useH ? s.values.hessian[i]! : diag[i]!;
      const other = useH ? numeric[i]! : direct[i]!;
      return fails(
        'float',
        `∂²L/∂${s.cf.names[p]}∂${s.cf.names[q]}: ${sym} (symbolic) vs ${other} (${useH ? 'numeric' : 'mathjs on ∂L/∂w'})`,
        { ...data, disagreement: { p: s.cf.names[p]!, q: s.cf.names[q]!, symbolic: sym, other } },
      );
    }
    const identity = `∇²L = 2JᵀJ + 2Σ fᵢ∇²fᵢ agrees with the numeric Hessian to ${fmt(h.rel)}`;
    const offText = offM !== null && typeof offM === 'object' && !Array.isArray(offM) ? `; off M (w moved by ≤ 0.25) it is ${fmt((offM as { curvatureMax: number }).curvatureMax)}` : '';
    const onM = s.onM ? onMAt(ctx.ws) : undefined;
    if (onM === undefined || onM.verdict !== 'holds') {
      const why = onM === undefined ? `no point of M was found, so this is ${s.where}` : `the point is not shown to be on M (${onM.summary})`;
      return unknown('float', `${identity}; max|2Σ fᵢ∇²fᵢ| = ${fmt(S)} there, but ${why}`, data);
    }
    const terms = `at ${s.where} max|fᵢ| = ${fmt(F)} and max|2Σ fᵢ∇²fᵢ| = ${fmt(S)} against max|2JᵀJ| = ${fmt(G)}`;
    if (onM.rigor !== 'float') {
      // F(w*) = 0 at a proven zero w*, so the second term is 0 there, whatever rounding shows
      return holds(weakest('symbolic', onM.rigor), `${identity}; the second term is 0 at the proven zero of F (${onM.how}); ${terms}${offText}`, {
        ...data,
        onM: onM.how,
      });
    }
    if (!(S <= VANISH_TOL * Math.max(1, G))) {
      return unknown('float', `${identity}, but the second term is not negligible at a point on M only to tolerance: ${terms}`, data);
    }
    return holds('float', `${identity}; ${terms}${offText}`, { ...data, onM: onM.how });
  },
};
