/** `point: {params: {...}}`: the user's point, checked against the model's parameter names. */
import type { PointOutcome } from './types.js';

export function givenPoint(names: readonly string[], given: Readonly<Record<string, number>>): PointOutcome {
  const known = new Set(names);
  const unknownNames = Object.keys(given).filter((k) => !known.has(k));
  if (unknownNames.length > 0) {
    return {
      found: false,
      method: 'params',
      reason: `point.params names ${unknownNames.length} unknown parameter(s): ${unknownNames.slice(0, 5).join(', ')}`,
      data: { unknown: unknownNames.slice(0, 20) },
    };
  }
  const missing = names.filter((nm) => !(nm in given));
  if (missing.length > 0) {
    return {
      found: false,
      method: 'params',
      reason: `point.params lacks ${missing.length} parameter(s): ${missing.slice(0, 5).join(', ')}`,
      data: { missing: missing.slice(0, 20) },
    };
  }
  const values = Float64Array.from(names, (nm) => given[nm]!);
  return { found: true, method: 'params', values, summary: `the given point (${names.length} parameters)`, data: {} };
}
