/**
 * The small top-level fields with several forms: `loss`, `point` and `theorems`.
 */
import type { LossSpec, ModelSpec, PointSpec } from './types.js';
import { THEOREM_IDS } from '../evidence.js';
import { describe, fail, type Path } from './errors.js';
import { PointObjectSchema, PowerLossSchema, check } from './schema.js';


/** `train` written as a bare word: these defaults. */
export const TRAIN_DEFAULTS = { steps: 2000, rate: 0.05 } as const;

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const LOSS_FORMS = 'sum, mean, abs or {power: a} with a ≥ 1';

/** `loss`: sum (default), mean, abs or {power: a}, a ≥ 1. */
export function readLoss(raw: unknown, path: Path): LossSpec {
  if (raw === undefined) return { kind: 'sum' };
  if (raw === 'sum' || raw === 'mean' || raw === 'abs') return { kind: raw };
  if (!isMapping(raw)) fail(path, `expected ${LOSS_FORMS}, got ${describe(raw)}`);
  return { kind: 'power', a: check(PowerLossSchema, raw, path).power };
}

const POINT_FORMS = 'construct, search, train, {train: {steps, rate}} or {params: {NAME: value, ...}}';

/** `point`; the default (SPEC) is construct where it applies, else search: for mlp and dag, construct with search as fallback. */
export function readPoint(raw: unknown, model: ModelSpec, path: Path): PointSpec {
  if (raw === undefined) return model.kind === 'expression' ? { kind: 'search' } : { kind: 'construct', fallback: 'search' };
  if (raw === 'construct') {
    if (model.kind === 'expression') fail(path, 'construct applies to mlp and dag models; for an expression model use search, train or params');
    return { kind: 'construct' };
  }
  if (raw === 'search') return { kind: 'search' };
  if (raw === 'train') return { kind: 'train', ...TRAIN_DEFAULTS };
  if (!isMapping(raw)) fail(path, `expected ${POINT_FORMS}, got ${describe(raw)}`);
  // zod's record skips a "__proto__" key without checking it: refuse it here instead.
  const params = raw['params'];
  if (isMapping(params) && Object.hasOwn(params, '__proto__')) fail([...path, 'params', '__proto__'], 'expected a parameter name, got "__proto__"');
  const p = check(PointObjectSchema, raw, path);
  if (p.train !== undefined && p.params !== undefined) fail(path, 'expected one of train or params, got both');
  if (p.train !== undefined) return { kind: 'train', steps: p.train.steps ?? TRAIN_DEFAULTS.steps, rate: p.train.rate ?? TRAIN_DEFAULTS.rate };
  if (p.params !== undefined) return { kind: 'params', values: Object.fromEntries(Object.entries(p.params)) };
  fail(path, `expected ${POINT_FORMS}, got an empty mapping`);
}

/** `theorems`: ids as strings; YAML's 2.1 (a number) is the id "2.1". */
export function readTheorems(raw: unknown, path: Path): string[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) fail(path, `expected a list of theorem ids (${THEOREM_IDS.join(', ')}), got ${describe(raw)}`);
  if (raw.length === 0) fail(path, 'expected at least one theorem id (leave theorems out to run all that fit), got an empty list');
  const ids: string[] = [];
  raw.forEach((v: unknown, i) => {
    const id = typeof v === 'number' || typeof v === 'string' ? String(v).trim() : undefined;
    if (id === undefined || !(THEOREM_IDS as readonly string[]).includes(id)) {
      fail([...path, i], `expected a theorem id (${THEOREM_IDS.join(', ')}), got ${describe(v)}`);
    }
    if (ids.includes(id)) fail([...path, i], `theorem ${id} is listed twice`);
    ids.push(id);
  });
  return ids;
}
