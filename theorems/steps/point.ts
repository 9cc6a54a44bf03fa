/**
 * Steps about the case's point, shared by Theorem 2.1, Remark 2.2 and Proposition 2.3: a point
 * was found (how), it lies on M (how surely), and J has full rank d·k there (how surely). Each
 * reads the memoized computations of src/proof/at-point.ts, so running several theorems on one
 * case finds the point and factors J once.
 */
import { perturbationNote } from '../../src/cases/perturb.js';
import { formatNumber as fmt, onMAt, rankAt } from '../../src/workspace/jacobian.js';
import { modelOf } from '../../src/workspace/model-of.js';
import { fails, holds, unknown, type Evidence, type Rigor, type Step } from '../../src/proof/types.js';
import type { Workspace } from '../../src/workspace/workspace.js';
import { pointOf } from '../../src/workspace/point.js';
import { sampledPoints, samplingJson, samplingSentence } from './sampling.js';

const METHOD_RIGOR: Record<string, Rigor> = { params: 'exact', construct: 'exact', search: 'float', train: 'float' };

/** Step `point-found`: the case's point, and how it was found. */
export const pointFound: Step = {
  id: 'point-found',
  title: 'a point of M to work at',
  explain:
    'The conclusions are local: they need a point w with F(w) = 0. It comes from the case\'s `point:` — ' +
    'the construction of Lemma 3.3 (construct), Levenberg–Marquardt from seeded starts (search), gradient ' +
    'descent (train) or the given values (params). With perturbed targets a given point is only a start: ' +
    'the search moves it onto the new M.',
  run(ctx) {
    const p = pointOf(ctx.ws, ctx.progress);
    const note = perturbationNote(ctx.case);
    const perturbed = note === undefined ? '' : ` (targets perturbed: ${note.replace(/^perturb:\s*/, '')})`;
    if (p.found) {
      // A searched or trained point with a proven enclosure (src/points/enclose.ts) is a proven point.
      const rigor = p.method !== 'construct' && p.enclosure !== undefined ? 'interval' : (METHOD_RIGOR[p.method] ?? 'float');
      return holds(rigor, `${p.summary}${perturbed}`, { method: p.method, ...p.data });
    }
    // No point is not a disproof: M may be empty, which the theorem allows, or the search missed it.
    return unknown('float', `no point of M: ${p.reason}${perturbed}`, { method: p.method, ...p.data });
  },
};

/** Step `residual-vanishes`: F(w) = 0, as surely as can be shown. */
export const residualVanishes: Step = {
  id: 'residual-vanishes',
  title: 'the point is on M: F(w) = 0',
  explain:
    'M = F⁻¹(0). Exact when the model can be evaluated in rational arithmetic at the point and every ' +
    'residual is 0; interval when a box around the point provably holds a zero of F (the construction\'s ' +
    'enclosure); otherwise max |Fᵣ| is compared with a printed floating-point tolerance.',
  needs: ['point-found'],
  run(ctx) {
    const on = onMAt(ctx.ws);
    if (on === undefined) return unknown('float', 'no point to evaluate');
    return { verdict: on.verdict, rigor: on.rigor, summary: on.summary, data: { how: on.how, ...on.data } };
  },
};

/** The rank step's evidence, with the consequences spelled out when the rank is deficient. */
export function rankEvidence(ws: Workspace, progress?: (fraction: number, message?: string) => void): Evidence {
  const r = rankAt(ws);
  if (r === undefined) return unknown('float', 'no point to evaluate J at');
  if (r.full) return holds(r.rigor, r.summary, { method: r.method, ...r.data });
  const on = onMAt(ws);
  const onM = on?.verdict === 'holds';
  const consequence = onM
    ? 'the point is a critical point of F on M: the regular-value argument does not apply there, and 0 is a critical value of F, so these targets are not generic (perturb: ε moves them)'
    : 'J is rank-deficient at this point, so F is not a submersion there';
  // Evidence about M beyond this point: are the other points of M regular?
  const sampling = onM ? sampledPoints(ws, progress) : undefined;
  const beyond = sampling === undefined ? '' : `; ${samplingSentence(sampling)}`;
  return fails(r.rigor, `${r.summary}: ${consequence}${beyond}`, {
    method: r.method,
    ...r.data,
    critical: onM,
    ...(sampling === undefined ? {} : { sampling: samplingJson(sampling) }),
  });
}

/** Step `jacobian-full-rank`: rank J(w) = d·k, exact → interval → float. */
export const jacobianFullRank: Step = {
  id: 'jacobian-full-rank',
  title: 'J has full rank d·k at the point',
  explain:
    'The rows ∇fᵢ(w) of J are linearly independent (the Mᵢ meet transversally). Exact from the triangular ' +
    'block of the construction or by exact elimination on the exact Jacobian; interval where a ' +
    'Krawczyk-type test on d·k columns succeeds; otherwise float, from the singular values of J (via the ' +
    'd·k × d·k Gram matrix J Jᵀ for large cases) with the tolerance printed. A deficient rank at a point of ' +
    'M makes it critical.',
  needs: ['point-found'],
  run(ctx) {
    return rankEvidence(ctx.ws, ctx.progress);
  },
};

/** n − d·k, the dimension Theorem 2.1 gives M near a regular point. */
export function manifoldDimension(ws: Workspace): number {
  const { d, k } = ws.case_.data;
  return modelOf(ws).n - d * k;
}

export { fmt };
