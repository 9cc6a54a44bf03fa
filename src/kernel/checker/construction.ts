/**
 * Certificates whose point is given by the construction's generators (`point.construction`, form
 * `smoolu-banded/1`) instead of n numbers: Theorem 4.1 on integer data (pixels and labels) with one
 * smooLU hidden layer of width d. The kernel reads the data from the certificate's `input`, the
 * generators from `point.construction`, and re-proves every step with its streamed check
 * (streamed.ts); `point.values` and `point.enclosure`, when carried, must be exactly the point the
 * generators determine. Nothing in `results` is believed: each step is compared with the kernel's
 * own finding, and each claim with what the kernel proved.
 */
import { z } from 'zod';
import { inputDigest } from './digest.js';
import type { Examination, ResultJudgement, StepJudgement } from './index.js';
import { NotACertificate, parts } from './read.js';
import type { Check } from './steps.js';
import { judgeStreamed, type StreamedJudgement } from './streamed.js';

export const CONSTRUCTION_FORM = 'smoolu-banded/1';
/** The widest band a certificate may ask for: the kernel's work is d·w σ evaluations. */
export const MAX_BAND = 1024;

const numbers = z.array(z.number());
const construction = z.object({
  form: z.literal(CONSTRUCTION_FORM),
  targets: z.enum(['label', 'one-hot']),
  seed: z.number(),
  a: numbers,
  scale: z.number(),
  biases: numbers,
  band: z.number().int().min(1).max(MAX_BAND),
  outputWeights: z.array(z.object({ lo: numbers, hi: numbers })),
});
const schema = z.object({
  format: z.literal('overparam-certificate/1'),
  tool: z.object({ name: z.string(), version: z.string() }),
  case: z.object({ name: z.string(), sha256: z.string(), d: z.number(), m: z.number(), k: z.number(), n: z.number() }),
  input: z.object({
    data: z.object({ x: z.array(z.array(parts.num)), y: z.union([z.array(parts.num), z.array(z.array(parts.num))]) }),
    model: parts.model,
    loss: parts.loss,
    seed: z.number(),
    perturb: z.number(),
    notes: z.array(z.string()),
  }),
  point: z.object({
    method: z.string(),
    construction,
    names: z.array(z.string()).optional(),
    values: numbers.optional(),
    enclosure: z.array(z.tuple([z.number(), z.number()])).optional(),
  }),
  results: z.array(parts.result),
});

export type ConstructionJson = z.infer<typeof construction>;
type Cert = z.infer<typeof schema>;

/** Whether a parsed JSON value carries its point as generators. */
export function hasConstruction(value: unknown): boolean {
  const p = (value as { point?: unknown } | null)?.point;
  return p !== null && typeof p === 'object' && 'construction' in p;
}

function read(value: unknown): Cert {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  throw new NotACertificate(path || '(top level)', issue.message);
}

const isByte = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 255;

/** The data as bytes, or why the form does not apply to them. */
function bytesOf(c: Cert): { pixels: Uint8Array; labels: Uint8Array; targets: 'label' | 'one-hot'; m: number; k: number } | string {
  const { x, y } = c.input.data;
  const d = x.length;
  const m = x[0]?.length ?? 0;
  const pixels = new Uint8Array(d * m);
  for (let i = 0; i < d; i++) {
    const row = x[i]!;
    if (row.length !== m) return `input.data.x[${i}] has ${row.length} numbers, not ${m}`;
    for (let j = 0; j < m; j++) {
      const v = row[j];
      if (!isByte(v)) return `input.data.x[${i}][${j}] is not an integer in 0..255`;
      pixels[i * m + j] = v;
    }
  }
  if (y.length !== d) return `input.data.y has ${y.length} targets for ${d} inputs`;
  const labels = new Uint8Array(d);
  if (!Array.isArray(y[0])) {
    for (let i = 0; i < d; i++) {
      const v = y[i];
      if (!isByte(v)) return `input.data.y[${i}] is not an integer in 0..255`;
      labels[i] = v;
    }
    return { pixels, labels, targets: 'label', m, k: 1 };
  }
  const k = (y[0] as unknown[]).length;
  for (let i = 0; i < d; i++) {
    const row = y[i];
    if (!Array.isArray(row) || row.length !== k) return `input.data.y[${i}] is not a row of ${k} targets`;
    const one = row.findIndex((v) => v === 1);
    if (one < 0 || one > 255 || row.some((v, o) => v !== (o === one ? 1 : 0))) return `input.data.y[${i}] is not a one-hot row`;
    labels[i] = one;
  }
  return { pixels, labels, targets: 'one-hot', m, k };
}

/** The mlp's parameter names for one hidden layer of width d, in the contract's order. */
function namesOf(d: number, m: number, k: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < d; i++) for (let j = 0; j < m; j++) out.push(`W1[${i},${j}]`);
  for (let i = 0; i < d; i++) out.push(`b1[${i}]`);
  for (let o = 0; o < k; o++) for (let j = 0; j < d; j++) out.push(`W2[${o},${j}]`);
  for (let o = 0; o < k; o++) out.push(`b2[${o}]`);
  return out;
}

/** Whether point.values/enclosure are the point the generators determine: the first difference, or undefined. */
function expansionDiffers(c: Cert, d: number, m: number, k: number): string | undefined {
  const p = c.point;
  const g = p.construction;
  const n = d * m + d + k * d + k;
  if (p.names !== undefined) {
    if (p.names.length !== n) return `point.names: ${p.names.length} names for ${n} parameters`;
    const names = namesOf(d, m, k);
    const bad = names.findIndex((nm, j) => p.names![j] !== nm);
    if (bad >= 0) return `point.names[${bad}] is "${p.names[bad]}", the model's parameter is "${names[bad]}"`;
  }
  const vals = p.values;
  const enc = p.enclosure;
  if (vals !== undefined && vals.length !== n) return `point.values: ${vals.length} values for ${n} parameters`;
  if (enc !== undefined && enc.length !== n) return `point.enclosure: ${enc.length} intervals for ${n} parameters`;
  const fixed = (j: number, v: number): string | undefined => {
    if (vals !== undefined && vals[j] !== v) return `point.values[${j}] = ${vals[j]} is not ${v}, the generators' value`;
    if (enc !== undefined && !(enc[j]![0] === v && enc[j]![1] === v)) return `point.enclosure[${j}] is not [${v}, ${v}]`;
    return undefined;
  };
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < m; j++) {
      const why = fixed(i * m + j, g.scale * g.a[j]!);
      if (why) return why;
    }
  }
  for (let i = 0; i < d; i++) {
    const why = fixed(d * m + i, -g.biases[i]!);
    if (why) return why;
  }
  for (let o = 0; o < k; o++) {
    for (let j = 0; j < d; j++) {
      const at = d * m + d + o * d + j;
      const lo = g.outputWeights[o]!.lo[j]!;
      const hi = g.outputWeights[o]!.hi[j]!;
      if (vals !== undefined && !(lo <= vals[at]! && vals[at]! <= hi)) return `point.values[${at}] = ${vals[at]} is outside the generators' box [${lo}, ${hi}]`;
      if (enc !== undefined && !(enc[at]![0] === lo && enc[at]![1] === hi)) return `point.enclosure[${at}] is not the generators' box [${lo}, ${hi}]`;
    }
  }
  for (let o = 0; o < k; o++) {
    const why = fixed(d * m + d + k * d + o, 0);
    if (why) return why;
  }
  return undefined;
}

/** What the kernel proves from a construction certificate's data and generators (results not read). */
export interface ConstructionFindings {
  readonly checks: Check[];
  /** the streamed check's judgement, when the form applies to the case */
  readonly judgement?: StreamedJudgement;
}

/** Checks the case, the setting and the point; then judges Theorem 4.1 from the data and generators. */
export function judgeConstruction(value: unknown): ConstructionFindings {
  const c = read(value);
  const checks: Check[] = [];
  const digest = inputDigest(c.case.name, (value as { input?: unknown }).input);
  checks.push(
    digest === c.case.sha256
      ? { where: 'case.sha256', status: 'ok', detail: 'the digest of the name and input the certificate carries' }
      : { where: 'case.sha256', status: 'failed', detail: `${c.case.sha256} is not the digest ${digest} of the certificate's name and input` },
  );
  const { model, loss, perturb } = c.input;
  const d = c.input.data.x.length;
  const setting =
    model.kind !== 'mlp' || model.hidden.length !== 1 || model.hidden[0] !== d
      ? `the model is not an mlp with one hidden layer of width d = ${d}`
      : model.activation !== 'smoolu'
        ? 'the activation is not smoolu'
        : loss !== 'sum'
          ? 'the loss is not sum'
          : perturb !== 0
            ? 'the targets are perturbed'
            : undefined;
  if (setting !== undefined) {
    checks.push({ where: 'point.construction', status: 'failed', detail: `the form ${CONSTRUCTION_FORM} does not apply: ${setting}` });
    return { checks };
  }
  const data = bytesOf(c);
  if (typeof data === 'string') {
    checks.push({ where: 'point.construction', status: 'failed', detail: `the form ${CONSTRUCTION_FORM} needs integer data in 0..255: ${data}` });
    return { checks };
  }
  const { m, k } = data;
  const g = c.point.construction;
  if (g.targets !== data.targets) {
    checks.push({ where: 'point.construction.targets', status: 'failed', detail: `"${g.targets}", but the data's targets are ${data.targets === 'label' ? 'labels' : 'one-hot rows'}` });
    return { checks };
  }
  const n = d * m + d + k * d + k;
  const sizes = { d, m, k, n };
  checks.push(
    c.case.d === d && c.case.m === m && c.case.k === k && c.case.n === n
      ? { where: 'case', status: 'ok', detail: `d = ${d}, m = ${m}, k = ${k}, n = ${n}` }
      : { where: 'case', status: 'failed', detail: `the case says ${JSON.stringify({ d: c.case.d, m: c.case.m, k: c.case.k, n: c.case.n })}, the data and model give ${JSON.stringify(sizes)}` },
  );
  const differs = expansionDiffers(c, d, m, k);
  checks.push(differs === undefined ? { where: 'point', status: 'ok', detail: 'names, values and enclosure, where carried, are the point the generators determine' } : { where: 'point', status: 'failed', detail: differs });
  const judgement = judgeStreamed({
    d,
    m,
    pixels: data.pixels,
    labels: data.labels,
    targets: data.targets,
    a: Float64Array.from(g.a),
    scale: g.scale,
    biases: Float64Array.from(g.biases),
    lo: g.outputWeights.map((w) => Float64Array.from(w.lo)),
    hi: g.outputWeights.map((w) => Float64Array.from(w.hi)),
    band: Math.min(g.band, d),
  });
  if (judgement.k !== k) checks.push({ where: 'point.construction', status: 'failed', detail: `the labels give k = ${judgement.k}, the targets ${k}` });
  return { checks, judgement };
}

const GRADES = ['exact', 'symbolic', 'interval', 'cited', 'float'];

/** Every check of a construction certificate, and the kernel's findings per result. */
export function examineConstruction(value: unknown): Examination {
  const { checks, judgement } = judgeConstruction(value);
  const c = read(value);
  const results: ResultJudgement[] = [];
  for (const result of c.results) {
    const steps = new Map<string, StepJudgement>();
    const claims = new Map<string, Check>();
    const where = (s: string): string => `${result.theorem}/${s}`;
    if (result.theorem !== '4.1' || judgement === undefined) {
      checks.push({ where: where('verdict'), status: 'failed', detail: judgement === undefined ? 'the kernel could not judge the construction' : `a construction certificate proves Theorem 4.1 only, not ${result.theorem}` });
      results.push({ theorem: result.theorem, verdict: 'open', why: 'not judged', steps, claims });
      continue;
    }
    const byId = new Map(result.steps.map((s) => [s.id, s]));
    for (const kstep of judgement.steps) {
      const proven = kstep.rigor !== 'float';
      steps.set(kstep.id, proven ? { id: kstep.id, status: 'proven', verdict: kstep.verdict, rigor: kstep.rigor, why: kstep.why } : { id: kstep.id, status: 'open', why: kstep.why });
      const s = byId.get(kstep.id);
      if (s === undefined) {
        checks.push({ where: where(kstep.id), status: 'failed', detail: 'the result lacks a step Theorem 4.1 needs' });
        continue;
      }
      const stronger = GRADES.indexOf(s.rigor) < GRADES.indexOf(kstep.rigor);
      if (s.verdict === kstep.verdict && !stronger) checks.push({ where: where(kstep.id), status: s.rigor === 'float' ? 'float' : 'ok', detail: `${s.verdict} (${s.rigor}); the kernel: ${kstep.why}` });
      else if (s.rigor === 'float' && s.verdict !== 'fails') checks.push({ where: where(kstep.id), status: 'float', detail: `float evidence, not believed; the kernel: ${kstep.verdict} (${kstep.why})` });
      else checks.push({ where: where(kstep.id), status: 'failed', detail: `says ${s.verdict} (${s.rigor}), the kernel finds ${kstep.verdict} (${kstep.rigor}): ${kstep.why}` });
    }
    // the kernel's verdict, from its own steps (a step it stopped before is missing: open)
    const needed = ['distinct-inputs', 'activation-vanishes-nonpositive', 'activation-positive', 'activation-smooth', 'width-at-least-d', 'projection-separates', 'scalars-stay-distinct', 'biases-interleave', 'triangular-block-invertible', 'output-weights-enclosed', 'residual-zero', 'jacobian-full-rank', 'manifold-dimension', 'hessian-spectrum'];
    for (const s of result.steps) {
      if (steps.has(s.id)) continue;
      const before = needed.includes(s.id);
      checks.push({ where: where(s.id), status: before && (s.verdict !== 'holds' || s.rigor === 'float') ? 'float' : 'failed', detail: before ? `the kernel stopped before this step (${judgement.steps.at(-1)?.why ?? 'nothing judged'})` : 'a step the kernel does not know for this form' });
    }
    const certified = judgement.verdict === 'certified' && needed.every((id) => steps.get(id)?.status === 'proven' && steps.get(id)?.verdict === 'holds');
    const verdict: ResultJudgement['verdict'] = certified ? 'certified' : 'open';
    const why = certified ? `all ${needed.length} steps Theorem 4.1 needs are re-proved from the data and the generators` : `not every step is re-proved: ${judgement.steps.at(-1)?.why ?? 'nothing judged'}`;
    const fromSteps = result.steps.some((s) => s.verdict === 'fails') ? 'fails' : result.steps.some((s) => s.verdict === 'unknown') || result.steps.length === 0 ? 'inconclusive' : result.steps.some((s) => s.rigor === 'float') ? 'supported' : 'certified';
    checks.push(fromSteps === result.verdict ? { where: where('verdict'), status: 'ok', detail: `${fromSteps}, from its steps` } : { where: where('verdict'), status: 'failed', detail: `says ${result.verdict}, its steps give ${fromSteps}` });
    const allowed = result.verdict === 'certified' ? certified : result.verdict !== 'fails';
    checks.push(allowed ? { where: where('verdict'), status: 'ok', detail: `${result.verdict}; the kernel: ${verdict} (${why})` } : { where: where('verdict'), status: 'failed', detail: `says ${result.verdict}, but ${why}` });
    const { n, k } = judgement;
    const dk = c.input.data.x.length * k;
    for (const [key, v] of Object.entries(result.claims)) {
      const w = where(`claims.${key}`);
      const expected =
        key === 'manifoldDimension' ? n - dk : key === 'hessian' ? { positive: dk, zero: n - dk, negative: 0 } : key === 'minPositiveEigenvalueLowerBound' ? judgement.lambdaMinLower : undefined;
      const check: Check =
        !certified
          ? { where: w, status: 'failed', detail: 'a claim of a result the kernel does not certify' }
          : expected === undefined
            ? { where: w, status: 'failed', detail: 'a claim the kernel does not know how to re-derive' }
            : key === 'minPositiveEigenvalueLowerBound'
              ? typeof v === 'number' && v > 0 && v <= judgement.lambdaMinLower
                ? { where: w, status: 'ok', detail: `≤ 2σ_min(A)² ≥ ${judgement.lambdaMinLower}, the kernel's bound` }
                : { where: w, status: 'failed', detail: `${JSON.stringify(v)} is not below the kernel's bound ${judgement.lambdaMinLower}` }
              : JSON.stringify(v) === JSON.stringify(expected)
                ? { where: w, status: 'ok', detail: `${JSON.stringify(expected)}, from rank J = d·k` }
                : { where: w, status: 'failed', detail: `${JSON.stringify(v)} ≠ ${JSON.stringify(expected)}` };
      checks.push(check);
      claims.set(key, check);
    }
    results.push({ theorem: result.theorem, verdict, why, steps, claims });
  }
  return { checks, results };
}
