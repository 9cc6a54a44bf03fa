/**
 * The last checks of a case, which need the model compiled: user expressions parse inside the
 * sandbox, and a given point names exactly the model's parameters.
 */
import { compileActivation } from './activation.js';
import { dagLayout } from './dag.js';
import { ModelError } from './errors.js';
import { buildModel } from './index.js';
import { mlpLayout, mlpNames } from './mlp.js';
import { fail } from '../cases/errors.js';
import type { ModelSpec, PointSpec } from '../cases/types.js';

/** `model.output[1]` → ['model', 'output', 1], the form FieldError takes. */
function parsePath(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}

/** Parameter names of a model, without compiling a large network. */
function parameterNames(model: ModelSpec, m: number, k: number): readonly string[] {
  switch (model.kind) {
    case 'mlp':
      return mlpNames(mlpLayout(m, model.hidden, k));
    case 'dag':
      return dagLayout(model).names;
    case 'expression':
      return model.params;
  }
}

/** Throws a FieldError (path and expectation) where the model or the given point is invalid. */
export function checkCompiles(model: ModelSpec, point: PointSpec, m: number, k: number): void {
  try {
    if (model.kind === 'expression') buildModel(model, m, k);
    else compileActivation(model.activation);
  } catch (e) {
    if (e instanceof ModelError) fail(parsePath(e.path), e.detail);
    throw e;
  }
  if (point.kind !== 'params') return;
  const names = parameterNames(model, m, k);
  const known = new Set(names);
  const stray = Object.keys(point.values).find((name) => !known.has(name));
  if (stray !== undefined) {
    const sample = names.slice(0, 4).join(', ') + (names.length > 4 ? ', …' : '');
    fail(['point', 'params', stray], `not a parameter of this model (its ${names.length} parameters: ${sample})`);
  }
  const missing = names.filter((name) => !(name in point.values));
  if (missing.length > 0) {
    fail(['point', 'params'], `missing ${missing.length} parameter(s): ${missing.slice(0, 4).join(', ')}${missing.length > 4 ? ', …' : ''}`);
  }
}
