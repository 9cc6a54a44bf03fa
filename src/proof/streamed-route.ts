/**
 * Theorem 4.1 through the streamed construction, for the cases it fits: one smooLU hidden layer
 * of width d, the construction as the point, the sum of squares, integer pixels in 0..255 and
 * integer labels (or one-hot rows). Such a case never forms its n parameters: the construction
 * (construct.ts) makes the generators, the certificate carries them as `point.construction`, and
 * the trusted kernel re-proves every step from the case's data and those generators
 * (src/kernel/checker/construction.ts), which is what the steps then report. The generic route
 * costs O(d·n) in the kernel's re-check; this one O(d·m + d·w).
 */
import type { Case } from '../cases/types.js';
import { CONSTRUCTION_FORM, MAX_BAND, judgeConstruction } from '../kernel/checker/index.js';
import type { Json, StepResult, TheoremResult } from './types.js';
import { theoremVerdict } from './verdict.js';
import { constructStreamed, type PixelData } from '../points/stream/construct.js';

/** The band of the solve: wide enough that the σ″ tail costs little, narrow enough to stay O(d). */
export const STREAMED_BAND = 8;
/** Above this many parameters the certificate carries only the generators (SPEC, "Large networks"). */
export const GENERATORS_ONLY = 1e6;

export interface StreamedData extends PixelData {
  readonly targets: 'label' | 'one-hot';
}

const byte = (r: { num: bigint; den: bigint }): number | undefined => (r.den === 1n && r.num >= 0n && r.num <= 255n ? Number(r.num) : undefined);

/** The case's data as bytes when the streamed route fits the case, else why not. */
export function streamedData(c: Case): StreamedData | string {
  const { model, data } = c;
  if (model.kind !== 'mlp' || model.hidden.length !== 1 || model.hidden[0] !== data.d) return 'not one hidden layer of width d';
  if (model.activation !== 'smoolu') return 'the activation is not smoolu';
  if (c.point.kind !== 'construct' || c.loss.kind !== 'sum' || c.perturb !== 0) return 'not the construction under the sum of squares';
  const { d, m, k } = data;
  const pixels = new Uint8Array(d * m);
  for (let i = 0; i < d; i++) {
    const row = data.xExact[i]!;
    for (let j = 0; j < m; j++) {
      const v = byte(row[j]!);
      if (v === undefined) return 'an input is not an integer in 0..255';
      pixels[i * m + j] = v;
    }
  }
  const labels = new Uint8Array(d);
  for (let i = 0; i < d; i++) {
    const row = data.yExact[i]!;
    if (k === 1) {
      const v = byte(row[0]!);
      if (v === undefined) return 'a target is not an integer in 0..255';
      labels[i] = v;
      continue;
    }
    const one = row.findIndex((r) => r.num === 1n && r.den === 1n);
    if (one < 0 || row.some((r, o) => r.den !== 1n || r.num !== (o === one ? 1n : 0n))) return 'a target row is not one-hot';
    labels[i] = one;
  }
  let classes = 0;
  for (let i = 0; i < d; i++) classes = Math.max(classes, labels[i]! + 1);
  if (k > 1 && classes !== k) return `the one-hot rows use ${classes} of their ${k} classes`;
  return { d, m, pixels, labels, targets: k === 1 ? 'label' : 'one-hot' };
}

/** The certificate's point for the streamed route: the generators, and the n numbers when n is small. */
export interface StreamedPoint {
  readonly method: 'construct';
  readonly construction: {
    readonly form: typeof CONSTRUCTION_FORM;
    readonly targets: 'label' | 'one-hot';
    readonly seed: number;
    readonly a: number[];
    readonly scale: number;
    readonly biases: number[];
    readonly band: number;
    readonly outputWeights: { readonly lo: number[]; readonly hi: number[] }[];
  };
  readonly names?: string[];
  readonly values?: number[];
  readonly enclosure?: (readonly [number, number])[];
}

/** What the route leaves for the certificate: its point, or why the construction did not succeed. */
export type StreamedRun = { readonly result: TheoremResult; readonly point: StreamedPoint | null; readonly n: number };

function expand(p: StreamedPoint['construction'], V: readonly Float64Array[], d: number, m: number): Pick<StreamedPoint, 'names' | 'values' | 'enclosure'> {
  const k = V.length;
  const names: string[] = [];
  const values: number[] = [];
  const enclosure: (readonly [number, number])[] = [];
  const fixed = (name: string, v: number): void => {
    names.push(name);
    values.push(v);
    enclosure.push([v, v]);
  };
  for (let i = 0; i < d; i++) for (let j = 0; j < m; j++) fixed(`W1[${i},${j}]`, p.scale * p.a[j]!);
  for (let i = 0; i < d; i++) fixed(`b1[${i}]`, -p.biases[i]!);
  for (let o = 0; o < k; o++) {
    for (let j = 0; j < d; j++) {
      names.push(`W2[${o},${j}]`);
      values.push(V[o]![j]!);
      enclosure.push([p.outputWeights[o]!.lo[j]!, p.outputWeights[o]!.hi[j]!]);
    }
  }
  for (let o = 0; o < k; o++) fixed(`b2[${o}]`, 0);
  return { names, values, enclosure };
}

/**
 * Runs Theorem 4.1's construction streamed and has the kernel judge it; `certificate` builds the
 * certificate the kernel reads from a point (the caller's, so that what is judged is what is written).
 * `steps` are Theorem 4.1's steps in order, for the result's shape.
 */
export function runStreamed(
  c: Case,
  data: StreamedData,
  stepIds: readonly string[],
  certificate: (point: StreamedPoint, result: TheoremResult) => unknown,
): StreamedRun {
  const started = performance.now();
  const k = data.targets === 'label' ? 1 : c.data.k;
  const n = data.d * data.m + data.d + k * data.d + k;
  const band = Math.min(STREAMED_BAND, MAX_BAND, data.d);
  const r = constructStreamed(data, { seed: c.seed, band, targets: data.targets });
  const built = performance.now() - started;
  if (!r.ok) {
    const steps: StepResult[] = stepIds.map((id) => ({ id, verdict: 'unknown', rigor: 'float', summary: `the streamed construction did not succeed (${r.stage}): ${r.reason}`, data: {}, ms: 0 }));
    return { result: { theorem: '4.1', verdict: theoremVerdict(steps), steps, claims: {} }, point: null, n };
  }
  const construction: StreamedPoint['construction'] = {
    form: CONSTRUCTION_FORM,
    targets: data.targets,
    seed: r.seed,
    a: Array.from(r.a),
    scale: r.scale,
    biases: Array.from(r.biases),
    band,
    outputWeights: r.enclosure.lo.map((lo, o) => ({ lo: Array.from(lo), hi: Array.from(r.enclosure.hi[o]!) })),
  };
  const point: StreamedPoint = { method: 'construct', construction, ...(n <= GENERATORS_ONLY ? expand(construction, r.V, data.d, data.m) : {}) };
  // the kernel judges the certificate as written (the results are not read for this)
  const empty: TheoremResult = { theorem: '4.1', verdict: 'inconclusive', steps: [], claims: {} };
  const judgedAt = performance.now();
  const findings = judgeConstruction(JSON.parse(JSON.stringify(certificate(point, empty))));
  const judged = performance.now() - judgedAt;
  const j = findings.judgement;
  const refused = findings.checks.find((x) => x.status === 'failed');
  const evidence: Record<string, { readonly [key: string]: Json }> = {
    'output-weights-enclosed': { relativeWidth: j?.relativeWidth ?? null, proposedRelativeWidth: r.enclosure.relativeWidth, maxAbsV: r.maxAbsV, band },
    'residual-zero': { sampledRows: r.residual.rows, sampledRelative: r.residual.relative },
    'manifold-dimension': { dimension: n - k * data.d },
    'projection-separates': { seed: r.seed, scale: r.scale, smallestGap: r.smallestGap },
  };
  const kernelSteps = new Map((j?.steps ?? []).map((s) => [s.id, s]));
  const steps: StepResult[] = stepIds.map((id) => {
    const s = kernelSteps.get(id);
    const ms = id === 'projection-separates' ? Math.round(built * 10) / 10 : id === 'hessian-spectrum' ? Math.round(judged * 10) / 10 : 0;
    if (refused !== undefined) return { id, verdict: 'unknown', rigor: 'float', summary: `the kernel refused the construction: ${refused.where}: ${refused.detail}`, data: {}, ms };
    if (s === undefined) return { id, verdict: 'unknown', rigor: 'float', summary: 'the kernel stopped before this step', data: {}, ms };
    const found: Record<string, Json> = { ...(evidence[id] ?? {}) };
    if (id === 'hessian-spectrum' && s.verdict === 'holds') {
      Object.assign(found, { positive: k * data.d, zero: n - k * data.d, minPositiveEigenvalueLowerBound: j!.lambdaMinLower, sigmaMinLower: j!.sigmaMinLower });
    }
    return { id, verdict: s.verdict, rigor: s.rigor, summary: `${s.why} (the kernel's streamed check)`, data: found, ms };
  });
  const verdict = theoremVerdict(steps);
  const claims: Record<string, Json> = {};
  if (verdict === 'certified') {
    const dk = k * data.d;
    claims.manifoldDimension = n - dk;
    claims.hessian = { positive: dk, zero: n - dk, negative: 0 };
    claims.minPositiveEigenvalueLowerBound = j!.lambdaMinLower;
  }
  return { result: { theorem: '4.1', verdict, steps, claims }, point, n };
}
