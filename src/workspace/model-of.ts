/** The case's compiled model, built once per workspace. */
import { buildModel } from '../models/index.js';
import type { Model } from '../models/types.js';
import type { Workspace } from './workspace.js';

export function modelOf(ws: Workspace): Model {
  const c = ws.case_;
  return ws.memo('model', () => buildModel(c.model, c.data.m, c.data.k));
}
