/**
 * Exploring M: walking along the manifold of global minima (exploreWalk) and training into it
 * (exploreTrain), each with its text report; `walkLines` is the walk as lines for a screen
 * (the walkthrough's key `m`).
 */
import type { Case } from '../cases/types.js';
import { exploreWalk, type ExploreWalkOptions } from './explore-walk.js';
import { renderWalk } from './render-walk.js';

export { exploreWalk, walkJson, resolveHeading, pathSummary, type WalkReport, type HeadingSpec, type ExploreWalkOptions } from './explore-walk.js';
export { exploreTrain, trainJson, trainSettings, type TrainReport, type ExploreTrainOptions } from './explore-train.js';
export { renderWalk } from './render-walk.js';
export { renderTrain } from './render-train.js';
export { walkAlongM, type WalkPoint, type WalkResult, type Heading } from './walk.js';

/**
 * A walk along M from the case's point, rendered as lines of at most `width` cells (charts and
 * table; the end certificate as its verdicts only, since the walkthrough shows certificates
 * itself). The case is taken as shown (perturbed targets stay perturbed).
 */
export async function walkLines(c: Case, opts: ExploreWalkOptions & { readonly width: number }): Promise<string[]> {
  const report = await exploreWalk(c, { steps: 30, ...opts });
  return renderWalk(report, { width: opts.width, certificate: false });
}
