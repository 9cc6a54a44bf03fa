/**
 * The certificate of SPEC.md: one JSON object per case, carrying the data, the model, the point
 * and every step's evidence, so that `verify` can re-check it from what it carries.
 */
import type { Case } from '../cases/types.js';
import { toJson } from '../kernel/rational.js';
import type { PointOutcome } from '../points/types.js';
import { TOOL } from '../version.js';
import { modelOf } from '../workspace/model-of.js';
import type { Json, TheoremResult } from './types.js';
import type { Workspace } from '../workspace/workspace.js';

export const CERTIFICATE_FORMAT = 'overparam-certificate/1';

export interface CertificatePoint {
  readonly names: readonly string[];
  readonly values: readonly number[];
  readonly enclosure?: readonly (readonly [number, number])[];
  readonly method: string;
}

export interface Certificate {
  readonly format: typeof CERTIFICATE_FORMAT;
  readonly tool: { readonly name: string; readonly version: string };
  readonly case: {
    readonly name: string;
    readonly sha256: string;
    readonly d: number;
    readonly m: number;
    readonly k: number;
    readonly n: number;
  };
  readonly input: {
    readonly data: { readonly x: readonly (readonly (number | string)[])[]; readonly y: readonly (number | string)[] | readonly (readonly (number | string)[])[] };
    readonly model: Json;
    readonly loss: Json;
    readonly seed: number;
    readonly perturb: number;
    readonly notes: readonly string[];
  };
  /** the point of M the theorems used; null when none was found or none was needed */
  readonly point: CertificatePoint | null;
  readonly results: readonly TheoremResult[];
}

/** The loss as a case file writes it. */
export function lossJson(c: Case): Json {
  return c.loss.kind === 'power' ? { power: c.loss.a } : c.loss.kind;
}

export function inputJson(c: Case): Certificate['input'] {
  const { data } = c;
  return {
    data: {
      x: data.xExact.map((row) => row.map(toJson)),
      // k = 1 is written as a plain list, as case files write it.
      y: data.k === 1 ? data.yExact.map((row) => toJson(row[0]!)) : data.yExact.map((row) => row.map(toJson)),
    },
    model: c.model as unknown as Json,
    loss: lossJson(c),
    seed: c.seed,
    perturb: c.perturb,
    notes: data.notes,
  };
}

function pointJson(names: readonly string[], p: PointOutcome | undefined): CertificatePoint | null {
  if (!p || !p.found) return null;
  return {
    names,
    values: Array.from(p.values),
    ...(p.enclosure ? { enclosure: p.enclosure.map((iv) => [iv.lo, iv.hi] as const) } : {}),
    method: p.method,
  };
}

export function buildCertificate(ws: Workspace, results: readonly TheoremResult[]): Certificate {
  const c = ws.case_;
  const model = modelOf(ws);
  const point = ws.has('point') ? ws.memo<PointOutcome | undefined>('point', () => undefined) : undefined;
  return {
    format: CERTIFICATE_FORMAT,
    tool: { name: TOOL.name, version: TOOL.version },
    case: { name: c.name, sha256: c.sha256, d: c.data.d, m: c.data.m, k: c.data.k, n: model.n },
    input: inputJson(c),
    point: pointJson(model.names, point),
    results,
  };
}
