/**
 * The certificate of SPEC.md: one JSON object per case, carrying the data, the model, the point
 * and every step's evidence, so that `verify` can re-check it from what it carries.
 */
import type { Case } from '../cases/types.js';
import { inputDigest } from '../kernel/checker/index.js';
import { toJson } from '../kernel/rational.js';
import type { PointOutcome } from '../points/types.js';
import { distanceBound } from '../points/trained.js';
import { TOOL } from '../version.js';
import { modelOf } from '../workspace/model-of.js';
import type { Json, TheoremResult } from './types.js';
import type { Workspace } from '../workspace/workspace.js';

export const CERTIFICATE_FORMAT = 'overparam-certificate/1';

export interface CertificatePoint {
  /** absent only beside `construction` above 10⁶ parameters (SPEC, "Large networks") */
  readonly names?: readonly string[];
  readonly values?: readonly number[];
  /** the generators that determine every parameter (src/proof/streamed-route.ts) */
  readonly construction?: Json;
  readonly enclosure?: readonly (readonly [number, number])[];
  readonly method: string;
  /** a network trained elsewhere: its weights as read, their names in the file, and an upper bound on ‖w* − w̃‖∞ */
  readonly trained?: readonly number[];
  readonly sourceNames?: readonly string[];
  readonly distance?: number;
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

function pointJson(c: Case, names: readonly string[], p: PointOutcome | undefined): CertificatePoint | null {
  if (!p || !p.found) return null;
  const trained = c.point.kind === 'trained' && p.method === 'trained' ? c.point : undefined;
  return {
    names,
    values: Array.from(p.values),
    ...(p.enclosure ? { enclosure: p.enclosure.map((iv) => [iv.lo, iv.hi] as const) } : {}),
    method: p.method,
    ...(trained !== undefined && {
      trained: Array.from(trained.values),
      sourceNames: trained.sourceNames,
      ...(p.enclosure !== undefined && { distance: distanceBound(p.enclosure, trained.values) }),
    }),
  };
}

export function buildCertificate(ws: Workspace, results: readonly TheoremResult[]): Certificate {
  const c = ws.case_;
  const model = modelOf(ws);
  const point = ws.has('point') ? ws.memo<PointOutcome | undefined>('point', () => undefined) : undefined;
  const input = inputJson(c);
  return {
    format: CERTIFICATE_FORMAT,
    tool: { name: TOOL.name, version: TOOL.version },
    // the digest binds the name and the input the certificate carries (the kernel recomputes it)
    case: { name: c.name, sha256: inputDigest(c.name, input), d: c.data.d, m: c.data.m, k: c.data.k, n: model.n },
    input,
    point: pointJson(c, model.names, point),
    results,
  };
}

/** The certificate of the streamed route: its point is the construction's generators (route.ts). */
export function streamedCertificate(c: Case, point: CertificatePoint | null, n: number, results: readonly TheoremResult[]): Certificate {
  const input = inputJson(c);
  return {
    format: CERTIFICATE_FORMAT,
    tool: { name: TOOL.name, version: TOOL.version },
    case: { name: c.name, sha256: inputDigest(c.name, input), d: c.data.d, m: c.data.m, k: c.data.k, n },
    input,
    point,
    results,
  };
}
