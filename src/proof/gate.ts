/**
 * The gate between the checker and what is printed or written: every step's evidence passes
 * through the trusted kernel (src/kernel/checker) before the runner records it. The kernel reads
 * the case as a certificate would carry it (the exact data, the model, the loss and the point)
 * and re-derives the step with its own arithmetic:
 *
 *   the kernel proves the same verdict     kept, at the weaker of the two grades (a failure seen
 *                                          only in float takes the kernel's proof and grade)
 *   the kernel proves another verdict      replaced by the kernel's finding, which says so
 *   the kernel cannot decide it            a claimed proof of `holds` becomes float evidence,
 *                                          a claimed proof of `fails` becomes `unknown`
 *
 * Float evidence passes as it is: it never counts as proof. At the end of a theorem the claims
 * are kept only where the kernel confirms them. So `certified` is granted by the kernel alone.
 */
import { judgeResultIn, judgeStepIn, openCertificate, type KernelCase, type StepJudgement } from '../kernel/checker/index.js';
import { buildCertificate } from './certificate.js';
import { RIGORS, type Claims, type Evidence, type Rigor, type StepResult, type TheoremVerdict } from './types.js';
import { theoremVerdict } from './verdict.js';
import type { Workspace } from '../workspace/workspace.js';

/** The kernel's view of a workspace, rebuilt only when the point changes. */
const opened = new WeakMap<Workspace, { readonly point: unknown; readonly kc: KernelCase | string }>();

function kernelCase(ws: Workspace): KernelCase | string {
  const point = ws.has('point') ? ws.memo<unknown>('point', () => undefined) : undefined;
  const hit = opened.get(ws);
  if (hit !== undefined && hit.point === point) return hit.kc;
  let kc: KernelCase | string;
  try {
    // exactly what a certificate file would carry: the JSON text, read back
    kc = openCertificate(JSON.parse(JSON.stringify(buildCertificate(ws, []))));
  } catch (e) {
    kc = `the kernel cannot read the case: ${e instanceof Error ? e.message : String(e)}`;
  }
  opened.set(ws, { point, kc });
  return kc;
}

const weaker = (a: Rigor, b: Rigor): Rigor => (RIGORS.indexOf(a) >= RIGORS.indexOf(b) ? a : b);

/** Applies the kernel's judgement to a step's evidence (see the table above). */
export function applyJudgement(ev: Evidence, j: Pick<StepJudgement, 'status' | 'verdict' | 'rigor' | 'why'>): Evidence {
  if (ev.verdict === 'skipped') return ev;
  // a failure seen only in floating point is no failure (an underflow, a rounding): unknown, with its witness
  if (ev.verdict === 'fails' && ev.rigor === 'float' && j.status !== 'proven') return { ...ev, verdict: 'unknown', summary: `${ev.summary} — seen only in floating point, so not a proven failure` };
  if (j.status === 'proven' && j.verdict !== undefined && j.rigor !== undefined) {
    // a failure the checker saw only in floating point and the kernel proves: the kernel's proof is the evidence
    if (j.verdict === 'fails' && ev.verdict === 'fails' && ev.rigor === 'float' && j.rigor !== 'float') return { ...ev, rigor: j.rigor, summary: `${j.why} (the kernel's proof; the checker had seen: ${ev.summary})` };
    if (j.verdict === ev.verdict) return { ...ev, rigor: weaker(ev.rigor, j.rigor) };
    // a proof that the step cannot be established here (a point proven off M) leaves it unknown, graded as nothing proven
    const rigor = j.verdict === 'unknown' ? 'float' : j.rigor;
    return { ...ev, verdict: j.verdict, rigor, summary: `${j.why} (the kernel's finding; the checker had found: ${ev.summary})` };
  }
  if (ev.rigor === 'float' || ev.verdict === 'unknown') return ev;
  if (ev.verdict === 'holds') return { ...ev, rigor: 'float', summary: `${ev.summary} — float evidence only: the kernel could not confirm it (${j.why})` };
  return { ...ev, verdict: 'unknown', rigor: 'float', summary: `${ev.summary} — not a proven failure: the kernel could not confirm it (${j.why})` };
}

/** A step's evidence after the kernel's re-check; `earlier`: the theorem's steps before it. */
export function gateStep(ws: Workspace, theorem: string, id: string, ev: Evidence, earlier: readonly StepResult[]): Evidence {
  if (ev.verdict === 'skipped') return ev;
  const kc = kernelCase(ws);
  if (typeof kc === 'string') return applyJudgement(ev, { status: 'open', why: kc });
  const step = { id, verdict: ev.verdict, rigor: ev.rigor, summary: ev.summary, data: ev.data as Record<string, unknown> };
  const steps = [...earlier.map((s) => ({ id: s.id, verdict: s.verdict, rigor: s.rigor, summary: s.summary, data: s.data as Record<string, unknown> })), step];
  let j: StepJudgement;
  try {
    j = judgeStepIn(kc, step, { theorem, verdict: 'inconclusive', steps, claims: {} });
  } catch (e) {
    j = { id, status: 'open', why: `the kernel's re-check did not finish: ${e instanceof Error ? e.message : String(e)}` };
  }
  return applyJudgement(ev, j);
}

/** A theorem's verdict and the claims the kernel confirms, from its gated steps. */
export function gateResult(ws: Workspace, theorem: string, steps: readonly StepResult[], claims: Claims): { readonly verdict: TheoremVerdict; readonly claims: Claims } {
  const verdict = theoremVerdict(steps);
  const kc = kernelCase(ws);
  if (typeof kc === 'string') return { verdict: verdict === 'certified' ? 'inconclusive' : verdict, claims: {} };
  const json = steps.map((s) => ({ id: s.id, verdict: s.verdict, rigor: s.rigor, summary: s.summary, data: s.data as Record<string, unknown> }));
  let judgement: ReturnType<typeof judgeResultIn>;
  try {
    judgement = judgeResultIn(kc, { theorem, verdict, steps: json, claims: claims as Record<string, unknown> });
  } catch {
    // a re-check that cannot finish confirms nothing
    return { verdict: verdict === 'certified' ? 'inconclusive' : verdict, claims: {} };
  }
  const kept: Record<string, Claims[string]> = {};
  for (const [key, value] of Object.entries(claims)) if (judgement.claims.get(key)?.status === 'ok') kept[key] = value;
  // Every step the theorem needs was gated above; this only guards against a list out of step.
  return { verdict: verdict === 'certified' && judgement.verdict !== 'certified' ? 'inconclusive' : verdict, claims: kept };
}
