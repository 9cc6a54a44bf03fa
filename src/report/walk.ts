/**
 * M along an explored path, for the report: a short walk along M from the certificate's point
 * (src/explore/walk.ts: tangent steps projected back onto M by Gauss–Newton), made when the page
 * is made, in floating point, from what the certificate carries (its data, model, loss and
 * point). It illustrates Theorem 2.1's manifold and proves nothing; its caption says so.
 */
import { perturbTargets } from '../cases/perturb.js';
import { readCaseObject } from '../cases/load.js';
import { lossFunction } from '../explore/at-point.js';
import { widestCoordinates } from '../explore/render-walk.js';
import { walkAlongM, type WalkResult } from '../explore/walk.js';
import { dataOf, residualTolerance } from '../points/search.js';
import type { Certificate } from '../proof/certificate.js';
import { num } from '../render/svg/primitives.js';
import { walkPathSvg } from '../render/svg/walk-path.js';
import { modelOf } from '../workspace/model-of.js';
import { Workspace } from '../workspace/workspace.js';
import type { Figure } from './figures.js';

/** Past this many entries of J (n · d·k) a walk would slow the page down more than it tells. */
const MAX_JACOBIAN = 40_000;
const STEPS = 40;

/** The walk from the certificate's point, with the parameters' names; undefined where there is none to make. */
export function walkFromCertificate(cert: Certificate): { walk: WalkResult; names: readonly string[]; lossTol: number } | undefined {
  const point = cert.point;
  const { n, d, k } = cert.case;
  if (!point?.values || n * d * k > MAX_JACOBIAN || n <= d * k) return undefined;
  try {
    const { data, model, loss, seed, perturb } = cert.input;
    const c = perturbTargets(readCaseObject({ name: cert.case.name, data, model, loss, seed, perturb }, ''));
    const m = modelOf(new Workspace(c));
    if (m.n !== point.values.length) return undefined;
    const dd = dataOf(c);
    const lossOf = lossFunction(c.loss, c.data.d);
    const walk = walkAlongM(m, dd, Float64Array.from(point.values), { steps: STEPS, seed, heading: { kind: 'steady' }, tol: residualTolerance(dd), lossOf });
    // L counts as 0 when every residual is within the walk's tolerance.
    return { walk, names: m.names, lossTol: lossOf(new Float64Array(d * k).fill(walk.tol)) };
  } catch {
    // a model the certificate's input no longer builds (or a walk that cannot start) gets no picture
    return undefined;
  }
}

export function walkFigure(cert: Certificate): Figure | undefined {
  const made = walkFromCertificate(cert);
  if (!made) return undefined;
  const { walk, names, lossTol } = made;
  const { n, d, k } = cert.case;
  const pts = walk.points;
  if (pts.length < 3) return undefined;
  const [ia, ib] = widestCoordinates(pts);
  const aName = names[ia] ?? `w${ia + 1}`;
  const bName = names[ib] ?? `w${ib + 1}`;
  const last = pts.at(-1)!;
  const maxLoss = Math.max(...pts.map((p) => p.loss));
  const fullRank = pts.every((p) => p.rank === d * k);
  const curve = n - d * k === 1;
  return {
    kind: 'walk',
    title: 'M along an explored path',
    caption:
      `A walk of ${last.step} steps along M from the certificate's point, made in floating point when this page was made (it proves nothing; the command overparam explore takes longer walks): ` +
      `each step goes along the tangent space of M and is projected back onto M by Gauss–Newton. ` +
      `Above, the path in the plane of the two parameters it moves along most, ${aName} and ${bName}` +
      (curve ? ' (M is a curve here, so this is M itself, seen along the other parameters); ' : ` (M has dimension n − d·k = ${n - d * k}, so this is one path on it, seen along the other parameters); `) +
      `below, the loss along the path on a log scale (an exact 0 at the bottom edge): at most ${num(maxLoss)} over a distance of ${num(last.distance)}, ` +
      `with rank J = d·k = ${d * k} ${fullRank ? 'at every point' : 'at most points (not all: see the walk itself)'}, the flat valley Proposition 2.3 predicts.` +
      (walk.completed ? '' : ` The walk stopped early: ${walk.stopped ?? 'see overparam explore'}.`),
    svg: walkPathSvg({
      a: pts.map((p) => p.w[ia]!),
      b: pts.map((p) => p.w[ib]!),
      aName,
      bName,
      distance: pts.map((p) => p.distance),
      loss: pts.map((p) => p.loss),
      lossTol,
      title: `A path along M in the (${aName}, ${bName}) plane, and the loss along it`,
    }),
  };
}
