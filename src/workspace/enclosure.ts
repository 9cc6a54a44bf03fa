/**
 * Proven points of M for the points that no construction proves: after `search`, `train` or
 * given `params` find a float point w̃, the Krawczyk test (src/models/interval-zero.ts) tries to
 * prove a box around it that holds exactly one zero of F with full-rank J. Success attaches the
 * box to the point as its `enclosure` (so the residual step becomes interval) and gives the rank
 * step an interval certificate; failure is kept, with its reason, for the steps to report.
 *
 * Not attempted where something stronger applies: the construction's own enclosure, and a point
 * where F vanishes exactly (its rank is then decided exactly at the point itself).
 */
import type { Case } from '../cases/types.js';
import { intervalData, intervalModelOf, pointBox } from '../models/interval-model.js';
import { proveZeroNear, type ZeroProof } from '../models/interval-zero.js';
import type { ProgramModel } from '../models/program-model.js';
import type { RankCertificate } from './jacobian.js';
import { modelOf } from './model-of.js';
import type { Json } from '../evidence.js';
import type { Workspace } from './workspace.js';
import type { PointOutcome } from '../points/types.js';
import { outputSolveApplies, solveOutputWeights, type OutputSolve } from '../points/trained-solve.js';
import { TRAINED_RADIUS } from '../points/trained.js';
import { residuals } from '../models/loss.js';
import { dataOf, maxAbs } from '../points/search.js';

const KEY = 'point:zero-proof';
/** the output-weight solve that gave the point its box */
const SOLVE_KEY = 'point:output-solve';
/** the output-weight solve tried from the file's weights, before any polish */
const DIRECT_KEY = 'point:output-solve:trained';
/** refinement steps from the file's weights (their residual is the training loss's, not rounding's) */
const DIRECT_STEPS = 6;

/** The case's model with its program (every model buildModel makes has one). */
function programModelOf(ws: Workspace): ProgramModel | undefined {
  const m = modelOf(ws);
  return 'program' in m ? (m as ProgramModel) : undefined;
}

/** Whether F(w) = 0 exactly, seen in interval arithmetic at the point (every residual [0, 0]). */
function vanishesExactly(c: Case, model: ProgramModel, w: Float64Array): boolean {
  const im = intervalModelOf(model, c.model);
  return im.residuals(pointBox(w), intervalData(c.data.xExact, c.data.yExact)).every((r) => r.lo === 0 && r.hi === 0);
}

function proofFor(c: Case, model: ProgramModel, w: Float64Array): ZeroProof {
  return proveZeroNear({ model, interval: intervalModelOf(model, c.model), data: intervalData(c.data.xExact, c.data.yExact), xFloat: c.data.x }, w);
}

/** The proof's report for the point's data. */
function proofJson(ws: Workspace, proof: ZeroProof): Json {
  const names = modelOf(ws).names;
  const cols = (proof.columns ?? []).slice(0, 8).map((j) => names[j]!);
  const tried = proof.tried.map((t) => ({ rho: t.rho, ok: t.ok, ...(t.detail === undefined ? {} : { detail: t.detail }) }));
  return proof.status === 'proven'
    ? { proven: true, method: 'krawczyk', rho: proof.rho, columns: cols, contraction: proof.contraction, newton: proof.newton, maxWidth: proof.maxWidth, tried }
    : { proven: false, reason: proof.reason, detail: proof.detail, columns: cols, tried };
}

/** The solve's report for the point's data. */
function solveJson(s: OutputSolve & { readonly status: 'proven' }): Json {
  return { proven: true, method: 'output-solve', mu: s.mu, lambdaEstimate: s.lambdaEstimate, refineSteps: s.steps, maxWidth: s.maxWidth, features: s.features };
}

/** The sentence for a proven solve. */
function solveSentence(s: OutputSolve & { readonly status: 'proven' }): string {
  return (
    `the output weights refined by ${s.steps} minimum-norm step(s) through the ${s.d} × ${s.d} feature Gram matrix ΦΦᵀ to max |Fᵣ| = ${s.residual.toExponential(2)}, ` +
    `and a box of width ≤ ${s.maxWidth.toExponential(2)} in the output weights provably holds a zero of F (verified solve: λ_min(ΦΦᵀ) ≥ ${s.mu.toPrecision(4)}, hidden layers held fixed)`
  );
}

/** The radius searched around the trained weights (src/points/trained.ts). */
function trainedRadius(trained: Float64Array): number {
  let m = 1;
  for (const v of trained) m = Math.max(m, Math.abs(v));
  return TRAINED_RADIUS * m;
}

/**
 * `point: trained` on an mlp whose last hidden layer has at least d − 1 units: the verified
 * solve for the output weights straight from the file's weights, the hidden layers as trained.
 * It costs O(d²·h), where the Gauss–Newton polish of every parameter costs O(d²·n) a step; when
 * it does not succeed, undefined, and the point is polished and proven the general way.
 */
export function trainedBySolve(ws: Workspace): PointOutcome | undefined {
  const c = ws.case_;
  if (c.point.kind !== 'trained' || !outputSolveApplies(c)) return undefined;
  const { values: trained, file } = c.point;
  const s = ws.memo(DIRECT_KEY, () => solveOutputWeights(c, trained, trainedRadius(trained), trained, DIRECT_STEPS));
  if (s.status !== 'proven') return undefined;
  ws.memo(SOLVE_KEY, () => s);
  const start = maxAbs(residuals(modelOf(ws), trained, dataOf(c)));
  return {
    found: true,
    method: 'trained',
    values: s.values,
    enclosure: s.box,
    summary: `the trained weights of ${file}: max |Fᵣ| = ${start.toExponential(2)}; with the hidden layers as trained, ${solveSentence(s)}`,
    data: { file, trainedResidual: start, polishSteps: 0, polishedResidual: s.residual, stopped: 'the output-weight solve', enclosure: solveJson(s) },
  };
}

/** A point not found by the polish, with what the solve from the file's weights said, when it was tried. */
export function withSolveTried(ws: Workspace, p: PointOutcome): PointOutcome {
  const direct = ws.has(DIRECT_KEY) ? ws.memo<OutputSolve | undefined>(DIRECT_KEY, () => undefined) : undefined;
  if (p.found || direct?.status !== 'unknown') return p;
  return { ...p, reason: `${p.reason}; the verified solve for the output weights, the hidden layers as trained, did not succeed either: ${direct.reason}`, data: { ...p.data, outputSolve: direct.reason } };
}

/**
 * The point with a proven enclosure attached where the Krawczyk test succeeds; otherwise the
 * point unchanged but for a sentence and data that say why no enclosure was proven.
 */
export function encloseFound(ws: Workspace, p: PointOutcome): PointOutcome {
  if (!p.found || p.method === 'construct' || p.enclosure !== undefined) return p;
  // a trained mlp with at least d features feeding the outputs: the verified solve for the
  // output weights at the polished point (when it did not succeed from the file's weights)
  let solveNote = '';
  if (p.method === 'trained' && ws.case_.point.kind === 'trained' && outputSolveApplies(ws.case_)) {
    const trained = ws.case_.point.values;
    const s = ws.memo(SOLVE_KEY, () => solveOutputWeights(ws.case_, p.values, trainedRadius(trained), trained));
    if (s.status === 'proven') {
      return { ...p, values: s.values, enclosure: s.box, summary: `${p.summary}; ${solveSentence(s)}`, data: { ...p.data, enclosure: solveJson(s) } };
    }
    const direct = ws.has(DIRECT_KEY) ? ws.memo<OutputSolve | undefined>(DIRECT_KEY, () => undefined) : undefined;
    const first = direct?.status === 'unknown' && direct.reason !== s.reason ? ` (from the file's weights: ${direct.reason})` : '';
    solveNote = `the verified solve for the output weights did not succeed (${s.reason})${first}; `;
  }
  const model = programModelOf(ws);
  if (model === undefined || vanishesExactly(ws.case_, model, p.values)) return p;
  const proof = ws.memo(KEY, () => proofFor(ws.case_, model, p.values));
  const data = { ...p.data, enclosure: proofJson(ws, proof) };
  if (proof.status === 'proven') {
    return {
      ...p,
      enclosure: proof.box,
      summary: `${p.summary}; a box of relative radius ${proof.rho} around it provably holds exactly one zero of F (Krawczyk test on ${proof.columns.length} coordinates, contraction ≤ ${proof.contraction.toPrecision(3)})`,
      data,
    };
  }
  return { ...p, summary: `${p.summary}; ${solveNote}no enclosure proven: ${proof.detail}`, data };
}

/** The verified solve for the output weights at the case's point, when it was attempted. */
export function outputSolveOf(ws: Workspace): OutputSolve | undefined {
  return ws.has(SOLVE_KEY) ? ws.memo<OutputSolve | undefined>(SOLVE_KEY, () => undefined) : undefined;
}

/** The Krawczyk proof at the case's point, when one was attempted. */
export function zeroProofOf(ws: Workspace): ZeroProof | undefined {
  return ws.has(KEY) ? ws.memo<ZeroProof | undefined>(KEY, () => undefined) : undefined;
}

/**
 * The interval rank certificate from a successful proof: every matrix in J_S(box) is
 * invertible, so rank J = d·k at the zero in the box (and everywhere on it).
 */
export function intervalRankOf(ws: Workspace): RankCertificate | undefined {
  const solve = outputSolveOf(ws);
  if (solve?.status === 'proven') {
    const { d, k } = ws.case_.data;
    return {
      rank: d * k,
      expected: d * k,
      full: true,
      rigor: 'interval',
      method: 'output-solve',
      summary: `rank J = ${d * k} = d·k on the whole enclosure box (interval): the output-weight columns of J are I_k ⊗ Φ, and the ${d} × ${d} feature Gram matrix ΦΦᵀ has λ_min ≥ ${solve.mu.toPrecision(4)} (float Cholesky of ΦΦᵀ − sI with a proven error bound)`,
      data: { rank: d * k, dk: d * k, how: 'the feature Gram matrix of the output-weight solve', mu: solve.mu },
    };
  }
  const proof = zeroProofOf(ws);
  if (proof === undefined || proof.status !== 'proven') return undefined;
  const { d, k } = ws.case_.data;
  const dk = d * k;
  const names = modelOf(ws).names;
  const shown = proof.columns.slice(0, 4).map((j) => names[j]!);
  const cols = proof.columns.length > 4 ? `${shown.join(', ')}, …` : shown.join(', ');
  return {
    rank: dk,
    expected: dk,
    full: true,
    rigor: 'interval',
    method: 'interval',
    summary:
      `rank J = ${dk} = d·k on the whole enclosure box (interval): the Krawczyk test on the columns ${cols} ` +
      `contracts (‖I − C·J_S‖ ≤ ${proof.contraction.toPrecision(3)}, box of relative radius ${proof.rho}), so every matrix in J_S(box) is invertible`,
    data: {
      rank: dk,
      dk,
      how: 'Krawczyk test on d·k columns',
      columns: proof.columns.slice(0, 8).map((j) => names[j]!),
      rho: proof.rho,
      contraction: proof.contraction,
      maxWidth: proof.maxWidth,
    },
    columns: proof.columns,
  };
}

/** Why no interval certificate, in words, when a proof was attempted and failed. */
export function zeroProofFailure(ws: Workspace): string | undefined {
  const proof = zeroProofOf(ws);
  return proof?.status === 'unknown' ? `${proof.reason}: ${proof.detail}` : undefined;
}
