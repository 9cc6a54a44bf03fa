/**
 * The case's point of M, found once per workspace by the method the case asks for
 * (`point:` in the case file).
 */
import type { Case } from '../cases/types.js';
import { modelOf } from './model-of.js';
import type { Workspace } from './workspace.js';
import { constructedPoint } from './construction.js';
import { encloseFound } from './enclosure.js';
import { givenPoint } from '../points/given.js';
import { searchPoint } from '../points/search.js';
import { trainPoint } from '../points/train.js';
import { trainedPoint } from '../points/trained.js';
import type { PointOutcome } from '../points/types.js';

export type { PointOutcome } from '../points/types.js';

/** Reports progress of a long search or training run (the first caller's hook is the one used). */
export type PointProgress = (fraction: number, message?: string) => void;

export function pointOf(ws: Workspace, progress?: PointProgress): PointOutcome {
  // A point no construction proves gets a Krawczyk enclosure where one can be proven (enclose.ts).
  return ws.memo('point', () => encloseFound(ws, findPoint(ws.case_, ws, progress)));
}

function findPoint(c: Case, ws: Workspace, progress?: PointProgress): PointOutcome {
  const spec = c.point;
  switch (spec.kind) {
    case 'params': {
      const given = givenPoint(modelOf(ws).names, spec.values);
      // Perturbed targets move M off the given point: start the search there instead.
      return given.found && c.perturb > 0 ? searchPoint(c, modelOf(ws), { from: given.values, progress }) : given;
    }
    case 'search':
      return searchPoint(c, modelOf(ws), { progress });
    case 'train':
      return trainPoint(c, modelOf(ws), spec, progress);
    case 'construct': {
      const built = constructedPoint(ws);
      if (built.found || spec.fallback !== 'search') return built;
      // No \`point:\` in the case, and the construction does not apply (σ = tanh, a narrow layer):
      // the default goes on to search, and says why.
      const found = searchPoint(c, modelOf(ws), { progress });
      const why = `no construction here (${built.reason}); the default point is searched instead`;
      return found.found
        ? { ...found, summary: `${why}: ${found.summary}`, data: { ...found.data, construction: built.reason } }
        : { ...found, reason: `${why}: ${found.reason}`, data: { ...found.data, construction: built.reason } };
    }
    case 'trained':
      return trainedPoint(c, modelOf(ws), spec.values, spec.file);
  }
}
