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
import { readCertificate, NotACertificate, type ResultJson } from './read.js';
import { boundDerivation, checkStep, onM, rankOnM, type Check } from './steps.js';

export { NotACertificate } from './read.js';
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

/** Re-derives each entry of a result's `claims` from its re-checked steps. */
function checkClaims(ctx: Context, result: ResultJson, stepChecks: ReadonlyMap<string, Check>): Check[] {
  const out: Check[] = [];
  const stepOk = (id: string): boolean => {
    const c = stepChecks.get(id);
    const s = result.steps.find((x) => x.id === id);
    return c !== undefined && s !== undefined && s.verdict === 'holds' && (c.status === 'ok' || c.status === 'float');
  };
  const floatStep = (id: string): boolean => result.steps.find((x) => x.id === id)?.rigor === 'float';
  for (const [key, value] of Object.entries(result.claims)) {
    const where = `${result.theorem}/claims.${key}`;
    const fail = (detail: string): Check => ({ where, status: 'failed', detail });
    const pass = (detail: string, float = false): Check => ({ where, status: float ? 'float' : 'ok', detail });
    switch (key) {
      case 'manifoldDimension': {
        const from = ['manifold-near-point', 'manifold-dimension', 'manifold-transfers', 'shared-versus-copies'].find((id) => result.steps.some((s) => s.id === id));
        if (value !== ctx.n - ctx.dk) out.push(fail(`${String(value)} ≠ n − d·k = ${ctx.n - ctx.dk}`));
        else if (from === undefined || !stepOk(from)) out.push(fail('no re-checked manifold step supports it'));
        else out.push(pass(`n − d·k = ${ctx.n} − ${ctx.dk}, from ${from}`, floatStep(from)));
        break;
      }
      case 'hessian': {
        const from = ['hessian-counts', 'hessian-spectrum'].find((id) => result.steps.some((s) => s.id === id));
        const r = rankOnM(ctx, undefined);
        const want = r === undefined ? undefined : { positive: r.rank, zero: ctx.n - r.rank, negative: 0 };
        if (want === undefined || !sameJson(value, want)) out.push(fail(`${JSON.stringify(value)} ≠ ${JSON.stringify(want)} from rank J`));
        else if (from === undefined || !stepOk(from)) out.push(fail('no re-checked Hessian step supports it'));
        else out.push(pass(`${want.positive} positive, ${want.zero} zero, 0 negative (rank J = ${r!.rank}, ${r!.rigor})`, floatStep(from)));
        break;
      }
      case 'minPositiveEigenvalueLowerBound': {
        const from = result.steps.find((s) => s.id === 'min-positive-eigenvalue-bound' || s.id === 'hessian-spectrum');
        if (typeof value !== 'number' || from === undefined) {
          out.push(fail('no step carries the bound'));
          break;
        }
        const carried = from.data[from.id === 'hessian-spectrum' ? 'minPositiveEigenvalueLowerBound' : 'bound'];
        if (carried !== value) {
          out.push(fail(`${value} is not the bound ${String(carried)} that step ${from.id} carries`));
          break;
        }
        const b = boundDerivation(ctx, value, from.rigor);
        if (b.kind === 'derived' && b.verdict === 'holds' && b.rigor !== 'float') out.push(pass(b.why));
        else if (b.kind === 'float') out.push(pass(`float estimate: ${b.why}`, true));
        else out.push(fail(`the bound ${value} is not re-proved: ${b.why}`));
        break;
      }
      case 'globalMinimum': {
        const on = onM(ctx, undefined);
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
        out.push(agrees && stepOk('shared-versus-copies') ? pass(`${String(v.parameters)} parameters, M of dimension ${String(v.manifoldDimension)}`) : fail('not supported by a re-checked shared-versus-copies step'));
        break;
      }
      default:
        out.push(fail('a claim the verifier does not know how to re-derive'));
    }
  }
  return out;
}

/** Verifies one parsed JSON value; throws NotACertificate for anything that is not one. */
export function verifyCertificate(value: unknown): VerifyReport {
  const cert = readCertificate(value);
  const ctx = new Context(cert);
  const checks: Check[] = [];
  const { json } = cert;
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
          ? { where: 'point.enclosure', status: 'ok', detail: `the Krawczyk test proves exactly one zero of F in the box and J nonsingular on its ${ctx.dk} wide coordinates (contraction ≤ ${e.contraction.toPrecision(3)})` }
          : { where: 'point.enclosure', status: 'failed', detail: `the box is not proven to hold a zero of F: ${e.why}` },
      );
    }
  }
  for (const result of json.results) {
    const stepChecks = new Map<string, Check>();
    for (const step of result.steps) {
      const c = checkStep(ctx, step, result);
      stepChecks.set(step.id, c);
      checks.push(c);
    }
    const v = verdictOf(result.steps);
    checks.push(
      v === result.verdict
        ? { where: `${result.theorem}/verdict`, status: 'ok', detail: `${v}, from its steps` }
        : { where: `${result.theorem}/verdict`, status: 'failed', detail: `says ${result.verdict}, its steps give ${v}` },
    );
    checks.push(...checkClaims(ctx, result, stepChecks));
  }
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
