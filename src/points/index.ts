/**
 * The case's point of M, found once per workspace by the method the case asks for
 * (`point:` in the case file).
 */
import type { Case } from '../cases/types.js';
import { modelOf } from '../proof/model-of.js';
import type { Workspace } from '../proof/workspace.js';
import { givenPoint } from './given.js';
import type { PointOutcome } from './types.js';

export type { PointOutcome } from './types.js';

export function pointOf(ws: Workspace): PointOutcome {
  return ws.memo('point', () => findPoint(ws.case_, ws));
}

function findPoint(c: Case, ws: Workspace): PointOutcome {
  const spec = c.point;
  switch (spec.kind) {
    case 'params':
      return givenPoint(modelOf(ws).names, spec.values);
    case 'construct':
    case 'search':
    case 'train':
      return { found: false, method: spec.kind, reason: `point: ${spec.kind} is not available yet`, data: {} };
  }
}
