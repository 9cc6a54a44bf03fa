/**
 * `overparam verify`: re-checks a certificate from the data it carries, trusting none of its
 * verdicts. The model is rebuilt from `input.model` (network.ts: its own forward pass), the data
 * are read exactly, and every step and claim is re-derived (steps.ts, context.ts) and compared.
 *
 * The rule, as the help text states it: a certificate verifies when no check fails. A check
 * fails when a recomputed verdict, number or count disagrees with the certificate; when a claim
 * graded as proof (exact, symbolic, interval, cited) cannot be re-established as a proof here;
 * when a theorem's verdict does not follow from its steps; or when a `claims` entry is not
 * re-derived. Float evidence is recomputed where the certificate carries its inputs and is never
 * read as proof. Steps whose re-check needs what the certificate does not carry (symbolic
 * derivations, the construction's bookkeeping) are listed as not re-checkable; they never make a
 * certificate pass on their own, because every `claims` entry must be re-derived from steps
 * that were.
 */
import { Context } from './context.js';
import { distanceFact } from './distance.js';
import { readCertificate, NotACertificate, type ResultJson } from './read.js';
import { examineConstruction, hasConstruction } from './construction.js';
import { inputDigest } from './digest.js';
import type { Grade } from './context.js';
import { NETWORK_THEOREMS, OBLIGATIONS, isTheoremId } from './obligations.js';
import type { StepJson } from './read.js';
import { boundDerivation, checkStep, deriveStep, hessianOnM, onM, type Check } from './steps.js';

export { NotACertificate } from './read.js';
export { inputDigest } from './digest.js';
export { judgeConstruction, CONSTRUCTION_FORM, MAX_BAND, type ConstructionFindings } from './construction.js';
export type { Check, CheckStatus } from './steps.js';

/** The outcome of verifying one certificate. */
export interface VerifyReport {
  /** every check, in order: the certificate's shape, the point, each result's steps and claims */
  readonly checks: readonly Check[];
  /** the first failing check, if any */
  readonly failed?: Check;
  readonly counts: { readonly ok: number; readonly float: number; readonly unchecked: number; readonly failed: number };
}

/** A theorem's verdict from its steps' verdicts and rigors (SPEC.md "Verdicts and rigor"). */
function verdictOf(steps: ResultJson['steps']): ResultJson['verdict'] {
  if (steps.some((s) => s.verdict === 'fails')) return 'fails';
  if (steps.some((s) => s.verdict === 'unknown')) return 'inconclusive';
  const held = steps.filter((s) => s.verdict === 'holds');
  if (held.length === 0) return 'inconclusive';
  return held.some((s) => s.rigor === 'float') ? 'supported' : 'certified';
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Re-derives each entry of a result's `claims`. A claim is confirmed only by a step that the
 * theorem needs (obligations.ts) and that the kernel re-proved; a step it could not re-prove makes
 * the claim float evidence at best; anything else refuses it.
 */
function checkClaims(ctx: Context, result: ResultJson, judgement: ResultJudgement): Check[] {
  const out: Check[] = [];
  /** the first of `ids` that the theorem needs: 'proven' when the kernel re-proved it holds */
  const support = (ids: readonly string[]): { readonly id: string; readonly proven: boolean } | undefined => {
    const id = ids.find((x) => judgement.steps.has(x));
    if (id === undefined) return undefined;
    const j = judgement.steps.get(id)!;
    return { id, proven: j.status === 'proven' && j.verdict === 'holds' };
  };
  for (const [key, value] of Object.entries(result.claims)) {
    const where = `${result.theorem}/claims.${key}`;
    const fail = (detail: string): Check => ({ where, status: 'failed', detail });
    const pass = (detail: string, float = false): Check => ({ where, status: float ? 'float' : 'ok', detail });
    const supported = (ids: readonly string[], detail: string): Check => {
      const s = support(ids);
      if (s === undefined) return fail(`Theorem ${result.theorem} has no step that supports it`);
      return pass(`${detail}, from ${s.id}${s.proven ? '' : ' (not re-proved: float evidence only)'}`, !s.proven);
    };
    switch (key) {
      case 'manifoldDimension':
        out.push(value !== ctx.n - ctx.dk ? fail(`${String(value)} ≠ n − d·k = ${ctx.n - ctx.dk}`) : supported(['manifold-near-point', 'manifold-dimension', 'manifold-transfers', 'shared-versus-copies'], `n − d·k = ${ctx.n} − ${ctx.dk}`));
        break;
      case 'hessian': {
        const h = hessianOnM(ctx);
        if (h.kind !== 'counts') out.push(fail(h.why));
        else if (!sameJson(value, h.counts)) out.push(fail(`${JSON.stringify(value)} ≠ ${JSON.stringify(h.counts)}: ${h.why}`));
        else out.push(supported(['hessian-counts', 'hessian-spectrum'], h.why));
        break;
      }
      case 'minPositiveEigenvalueLowerBound': {
        const from = result.steps.find((s) => (s.id === 'min-positive-eigenvalue-bound' || s.id === 'hessian-spectrum') && judgement.steps.has(s.id));
        if (typeof value !== 'number' || from === undefined) {
          out.push(fail('no step the theorem needs carries the bound'));
          break;
        }
        const carried = from.data[from.id === 'hessian-spectrum' ? 'minPositiveEigenvalueLowerBound' : 'bound'];
        if (carried !== value) {
          out.push(fail(`${value} is not the bound ${String(carried)} that step ${from.id} carries`));
          break;
        }
        const b = boundDerivation(ctx, value, 'interval');
        if (b.kind === 'derived' && b.verdict === 'holds' && b.rigor !== 'float') out.push(pass(b.why));
        else out.push(fail(`the bound ${value} is not re-proved: ${b.why}`));
        break;
      }
      case 'globalMinimum': {
        const on = onM(ctx);
        if (value !== 0) out.push(fail(`${String(value)} ≠ 0`));
        else if (on.verdict !== 'holds') out.push(fail(`L = 0 is not re-established: ${on.why}`));
        else out.push(pass(`L = 0 at a point of M (${on.rigor})`, on.rigor === 'float'));
        break;
      }
      case 'codimension':
        out.push(value === ctx.dk ? pass(`d·k = ${ctx.dk}`) : fail(`${String(value)} ≠ d·k = ${ctx.dk}`));
        break;
      case 'shared':
      case 'copies': {
        const s = result.steps.find((x) => x.id === 'shared-versus-copies');
        const data = s?.data[key] as Record<string, unknown> | undefined;
        const v = value as Record<string, unknown>;
        const agrees = data !== undefined && v.parameters === data.network && v.manifoldDimension === data.manifoldDimension;
        out.push(agrees ? supported(['shared-versus-copies'], `${String(v.parameters)} parameters, M of dimension ${String(v.manifoldDimension)}`) : fail('not what the shared-versus-copies step computed'));
        break;
      }
      default:
        out.push(fail('a claim the kernel does not know how to re-derive'));
    }
  }
  return out;
}

/** What the kernel establishes about one step a theorem needs. */
export interface StepJudgement {
  readonly id: string;
  /**
   * proven: the kernel re-derived `verdict` with a grade stronger than float; open: it could
   * not (float evidence only, or nothing to go on); missing: the result lacks the step
   */
  readonly status: 'proven' | 'open' | 'missing';
  readonly verdict?: 'holds' | 'fails' | 'unknown';
  readonly rigor?: Grade;
  readonly why: string;
}

/** What the kernel establishes about one result: its own verdict, step by step, and the claims it confirms. */
export interface ResultJudgement {
  readonly theorem: string;
  /** certified: every step the theorem needs is proven to hold; fails: one is proven to fail; open otherwise */
  readonly verdict: 'certified' | 'fails' | 'open';
  readonly why: string;
  readonly steps: ReadonlyMap<string, StepJudgement>;
  /** each claim of the result: confirmed (ok), float evidence only, or refused */
  readonly claims: ReadonlyMap<string, Check>;
}

/** The kernel's findings on a certificate, and the checks `verify` prints. */
export interface Examination {
  readonly checks: readonly Check[];
  readonly results: readonly ResultJudgement[];
}

const PLACEHOLDER = (id: string): StepJson => ({ id, verdict: 'holds', rigor: 'exact', summary: '', data: {} });

/** The kernel's verdict on one step a theorem needs, from the re-derivation (never from the claim). */
/** A certificate read and made exact once, so that the kernel can judge its steps one by one. */
export interface KernelCase {
  readonly ctx: Context;
}

/** Reads a certificate for judging; throws NotACertificate for anything that is not one. */
export function openCertificate(value: unknown): KernelCase {
  return { ctx: new Context(readCertificate(value)) };
}

/**
 * The kernel's verdict on one step of `result` (the steps before it included, as the rules for
 * skipped steps read them), re-derived from the certificate's data.
 */
export function judgeStepIn(kc: KernelCase, step: StepJson, result: ResultJson): StepJudgement {
  return judgeStep(kc.ctx, step.id, step, result);
}

/** The kernel's verdict on a whole result and the claims it confirms. */
export function judgeResultIn(kc: KernelCase, result: ResultJson): ResultJudgement {
  const { judgement } = judgeResult(kc.ctx, result);
  const claims = checkClaims(kc.ctx, result, judgement);
  return { ...judgement, claims: new Map(claims.map((c) => [c.where.slice(`${result.theorem}/claims.`.length), c])) };
}

function judgeStep(ctx: Context, id: string, step: StepJson | undefined, result: ResultJson): StepJudgement {
  if (step === undefined) return { id, status: 'missing', why: `the result has no step "${id}", which Theorem ${result.theorem} needs` };
  const d = deriveStep(ctx, step.verdict === 'skipped' ? PLACEHOLDER(id) : step, result);
  switch (d.kind) {
    case 'derived':
      // an `unknown` graded above float is a proof that the step cannot hold here (a point proven off M)
      return d.rigor === 'float' ? { id, status: 'open', why: d.why } : { id, status: 'proven', verdict: d.verdict, rigor: d.rigor, why: d.why };
    case 'float':
      return { id, status: 'open', why: `float evidence only: ${d.why}` };
    case 'unchecked':
      return { id, status: 'open', why: d.why };
    case 'mismatch':
      return { id, status: 'open', why: `the step's data disagree with the case: ${d.why}` };
    default:
      return checkExhaustive(d);
  }
}

function checkExhaustive(x: never): never {
  throw new Error(`unexpected derivation ${JSON.stringify(x)}`);
}

function judgeResult(ctx: Context, result: ResultJson): { judgement: ResultJudgement; checks: Check[] } {
  const checks: Check[] = [];
  const where = `${result.theorem}/verdict`;
  const stepsById = new Map(result.steps.map((s) => [s.id, s]));
  const judged = new Map<string, StepJudgement>();
  let verdict: ResultJudgement['verdict'] = 'open';
  let why: string;
  if (!isTheoremId(result.theorem)) {
    why = `"${result.theorem}" is not a theorem of the paper`;
  } else if (NETWORK_THEOREMS.has(result.theorem) && ctx.cert.json.input.model.kind === 'expression') {
    why = `Theorem ${result.theorem} is about feedforward networks; this model is an expression`;
  } else {
    const needed = OBLIGATIONS[result.theorem];
    for (const id of needed) judged.set(id, judgeStep(ctx, id, stepsById.get(id), result));
    const all = [...judged.values()];
    const failed = all.find((j) => j.status === 'proven' && j.verdict === 'fails');
    const open = all.find((j) => j.status !== 'proven' || j.verdict !== 'holds');
    if (failed !== undefined) {
      verdict = 'fails';
      why = `${failed.id} is proven to fail: ${failed.why}`;
    } else if (open === undefined) {
      verdict = 'certified';
      why = `all ${needed.length} steps Theorem ${result.theorem} needs are re-proved`;
    } else {
      why = `${open.id} is not re-proved: ${open.why}`;
    }
  }
  for (const s of result.steps) {
    if (!judged.has(s.id)) checks.push({ where: `${result.theorem}/${s.id}`, status: s.rigor === 'float' || s.verdict === 'skipped' ? 'float' : 'unchecked', detail: `a step Theorem ${result.theorem} does not rest on: reported, not believed` });
  }
  for (const j of judged.values()) if (j.status === 'missing') checks.push({ where: `${result.theorem}/${j.id}`, status: 'failed', detail: j.why });
  // The certificate's verdict may say less than the kernel proves, never more.
  const claimed = result.verdict;
  const allowed = claimed === 'certified' ? verdict === 'certified' : claimed === 'fails' ? verdict === 'fails' : claimed === 'supported' ? verdict !== 'fails' : true;
  checks.push(allowed ? { where, status: 'ok', detail: `${claimed}; the kernel: ${verdict} (${why})` } : { where, status: 'failed', detail: `says ${claimed}, but ${why}` });
  return { judgement: { theorem: result.theorem, verdict, why, steps: judged, claims: new Map() }, checks };
}

/** Reads a certificate and re-derives everything in it; throws NotACertificate for anything that is not one. */
export function examineCertificate(value: unknown): Examination {
  // the point as the construction's generators: the streamed check re-proves Theorem 4.1 from them
  if (hasConstruction(value)) return examineConstruction(value);
  const cert = readCertificate(value);
  const ctx = new Context(cert);
  const checks: Check[] = [];
  const results: ResultJudgement[] = [];
  const { json } = cert;
  // over the input as written (the shape check above drops keys it does not know)
  const digest = inputDigest(json.case.name, (value as { input?: unknown }).input);
  checks.push(
    digest === json.case.sha256
      ? { where: 'case.sha256', status: 'ok', detail: 'the digest of the name and input the certificate carries' }
      : { where: 'case.sha256', status: 'failed', detail: `${json.case.sha256} is not the digest ${digest} of the certificate's name and input` },
  );
  const sizes = { d: cert.d, m: cert.m, k: cert.k, n: ctx.n };
  const claimedSizes = { d: json.case.d, m: json.case.m, k: json.case.k, n: json.case.n };
  checks.push(
    sameJson(sizes, claimedSizes)
      ? { where: 'case', status: 'ok', detail: `d = ${cert.d}, m = ${cert.m}, k = ${cert.k}, n = ${ctx.n}` }
      : { where: 'case', status: 'failed', detail: `the case says ${JSON.stringify(claimedSizes)}, the data and model give ${JSON.stringify(sizes)}` },
  );
  if (json.point !== null) {
    const names = json.point.names;
    const bad = ctx.net.names.findIndex((nm, j) => names[j] !== nm);
    checks.push(
      names.length === ctx.n && bad < 0
        ? { where: 'point.names', status: 'ok', detail: `the ${ctx.n} parameter names of the model, in order` }
        : { where: 'point.names', status: 'failed', detail: bad >= 0 ? `names[${bad}] is "${names[bad]}", the model's parameter is "${ctx.net.names[bad]}"` : `${names.length} names for ${ctx.n} parameters` },
    );
    const enc = json.point.enclosure;
    if (enc !== undefined) {
      const out = json.point.values.findIndex((v, j) => !(enc[j] !== undefined && enc[j]![0] <= v && v <= enc[j]![1]));
      checks.push(
        out < 0
          ? { where: 'point.values', status: 'ok', detail: 'every value lies in its enclosure interval' }
          : { where: 'point.values', status: 'failed', detail: `values[${out}] = ${json.point.values[out]} lies outside its enclosure [${enc[out]?.join(', ')}]` },
      );
    }
    const e = ctx.enclosure();
    if (e !== undefined) {
      checks.push(
        e.ok
          ? { where: 'point.enclosure', status: 'ok', detail: ctx.featureGram()?.ok ? `the box provably holds a zero of F, with rank J = d·k on the whole box (${e.how})` : `the box provably holds exactly one zero of F, with J nonsingular on its ${ctx.dk} wide coordinates (${e.how}, contraction ≤ ${e.contraction.toPrecision(3)})` }
          : { where: 'point.enclosure', status: 'failed', detail: `the box is not proven to hold a zero of F: ${e.why}` },
      );
    }
    const { trained, distance } = json.point;
    if (distance !== undefined) {
      // the distance is a claim about the true zero: only the proven box carries it
      const f = trained === undefined ? { ok: false as const, why: 'a distance with no point.trained to measure it from' } : enc === undefined ? { ok: false as const, why: 'a distance with no enclosure box to measure' } : distanceFact(enc, trained, distance);
      checks.push(
        f.ok && e?.ok === true
          ? { where: 'point.distance', status: 'ok', detail: `every point of the proven box, so the zero of F it holds, lies within ${distance} of point.trained (‖·‖∞, decided exactly)` }
          : { where: 'point.distance', status: 'failed', detail: f.ok ? 'the box it is measured on is not proven to hold a zero of F' : f.why },
      );
    } else if (trained !== undefined && trained.length !== ctx.n) {
      checks.push({ where: 'point.trained', status: 'failed', detail: `${trained.length} values for ${ctx.n} parameters` });
    }
  }
  const seen = new Set<string>();
  for (const result of json.results) {
    if (seen.has(result.theorem)) checks.push({ where: `${result.theorem}`, status: 'failed', detail: 'a theorem listed twice' });
    seen.add(result.theorem);
    for (const step of result.steps) checks.push(checkStep(ctx, step, result));
    const v = verdictOf(result.steps);
    checks.push(
      v === result.verdict
        ? { where: `${result.theorem}/verdict`, status: 'ok', detail: `${v}, from its steps` }
        : { where: `${result.theorem}/verdict`, status: 'failed', detail: `says ${result.verdict}, its steps give ${v}` },
    );
    const { judgement, checks: judged } = judgeResult(ctx, result);
    checks.push(...judged);
    const claimChecks = checkClaims(ctx, result, judgement);
    checks.push(...claimChecks);
    results.push({ ...judgement, claims: new Map(claimChecks.map((c) => [c.where.slice(`${result.theorem}/claims.`.length), c])) });
  }
  return { checks, results };
}

/** Verifies one parsed JSON value; throws NotACertificate for anything that is not one. */
export function verifyCertificate(value: unknown): VerifyReport {
  const { checks } = examineCertificate(value);
  const counts = { ok: 0, float: 0, unchecked: 0, failed: 0 };
  for (const c of checks) counts[c.status]++;
  const failed = checks.find((c) => c.status === 'failed');
  return { checks, counts, ...(failed === undefined ? {} : { failed }) };
}

/** Parses JSON text and verifies it (NotACertificate for bad JSON too). */
export function verifyText(text: string): VerifyReport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new NotACertificate('(file)', `not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  return verifyCertificate(value);
}
