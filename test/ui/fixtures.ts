/**
 * Cases and a small theorem for testing the walkthrough on its own. The theorem's steps compute
 * their evidence from the case (Lemma 3.3's projection, biases and triangular A on the XOR data),
 * so changing the case changes what the screen must show.
 */
import type { Case } from '../../src/cases/types.js';
import { fromNumber } from '../../src/kernel/rational.js';
import { defineTheorem, fails, holds, type Step, type Theorem } from '../../src/proof/types.js';
import { modelOf } from '../../src/workspace/model-of.js';
import type { SessionDeps } from '../../src/ui/session.js';
import type { Judge } from '../../src/proof/runner.js';
import { theoremVerdict } from '../../src/proof/verdict.js';

/**
 * The fixture theorem is made up, so the kernel knows none of its steps and would grade them all
 * float: the screens are tested with the evidence as the steps give it.
 */
export const asGiven: Judge = {
  step: (_ws, _t, _id, ev) => ev,
  result: (_ws, _t, steps, claims) => ({ verdict: theoremVerdict(steps), claims }),
};
import { distinctInputs, overparameterized } from '../../theorems/steps/data.js';

/** An in-memory case: inputs `x`, one target per row. */
export function makeCase(name: string, x: number[][], y: number[], extra: Partial<Case> = {}): Case {
  return {
    name,
    description: `${name} for tests`,
    file: '',
    sha256: '0'.repeat(64),
    data: {
      d: x.length,
      m: x[0]!.length,
      k: 1,
      x: x.map((r) => Float64Array.from(r)),
      y: y.map((v) => Float64Array.of(v)),
      xExact: x.map((r) => r.map(fromNumber)),
      yExact: y.map((v) => [fromNumber(v)]),
      notes: [],
    },
    model: { kind: 'mlp', hidden: [x.length], activation: 'smoolu' },
    loss: { kind: 'sum' },
    point: { kind: 'construct' },
    perturb: 0,
    seed: 1,
    ...extra,
  };
}

export const xorCase = (): Case => makeCase('xor', [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0]);
export const zeroTargetsCase = (): Case => makeCase('zeros', [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 0, 0]);

const smoolu = (t: number): number => (t > 0 ? t * Math.exp(-1 / t) : 0);

/** tᵢ = a·xᵢ with a = (1, 2, 4, …), and midpoint biases. */
function projection(c: Case): { t: number[]; beta: number[] } {
  const t = c.data.x.map((row) => row.reduce((s, v, j) => s + v * 2 ** j, 0)).sort((p, q) => p - q);
  const beta = t.map((ti, j) => (j === 0 ? ti - 0.5 : (t[j - 1]! + ti) / 2));
  return { t, beta };
}

/** Counts how often the shared computation ran, to see the workspace being reused. */
export const computeCount = { projection: 0 };

export interface FixtureOptions {
  /** the slow step waits for this before finishing, reporting progress meanwhile */
  readonly gate?: Promise<void>;
  readonly id?: string;
}

export function fixtureTheorem(opts: FixtureOptions = {}): Theorem {
  const projectionSeparates: Step = {
    id: 'projection-separates',
    title: 'a projection separates the inputs',
    explain: 'With a = (1, 2, …) the projections tᵢ = a·xᵢ are pairwise distinct; biases βⱼ sit between them.',
    needs: ['distinct-inputs'],
    run({ ws }) {
      const { t, beta } = ws.memo('fixture-projection', () => {
        computeCount.projection++;
        return projection(ws.case_);
      });
      const distinct = t.every((v, i) => i === 0 || v > t[i - 1]!);
      return distinct
        ? holds('exact', `the ${t.length} projections are distinct`, { a: [1, 2], projections: t, biases: beta })
        : fails('exact', 'two projections coincide', { projections: t });
    },
  };
  const triangular: Step = {
    id: 'triangular-block',
    title: 'A = σ(tᵢ − βⱼ) is lower triangular',
    explain: 'σ vanishes for t ≤ 0, so Aᵢⱼ = 0 above the diagonal and Aᵢᵢ > 0.',
    needs: ['projection-separates'],
    run({ ws }) {
      const { t, beta } = ws.memo('fixture-projection', () => projection(ws.case_));
      const A = t.map((ti) => beta.map((bj) => smoolu(ti - bj)));
      const ok = A.every((row, i) => row.every((v, j) => (j > i ? v === 0 : j === i ? v > 0 : true)));
      return ok ? holds('float', 'A is lower triangular with a positive diagonal', { A, tol: 0 }) : fails('float', 'A is not triangular', { A });
    },
  };
  const spectrum: Step = {
    id: 'hessian-spectrum',
    title: 'the Hessian has d positive and n − d zero eigenvalues',
    explain: 'At a global minimum ∇²L = 2JᵀJ.',
    needs: ['triangular-block'],
    run({ ws, case: c }) {
      const { t, beta } = ws.memo('fixture-projection', () => projection(ws.case_));
      const positive = t.map((ti, i) => 2 * smoolu(ti - beta[i]!) ** 2).sort((p, q) => q - p);
      const n = modelOf(ws).n;
      const eigenvalues = [...positive, ...Array.from({ length: n - c.data.d }, (_, i) => (i % 2 ? 1 : -1) * 1e-16 * (i + 1))];
      return holds('float', `${c.data.d} positive, ${n - c.data.d} zero`, {
        eigenvalues,
        positive: c.data.d,
        zero: n - c.data.d,
        negative: 0,
      });
    },
  };
  const targetsNonzero: Step = {
    id: 'targets-not-all-zero',
    title: 'the targets are not all zero',
    explain: 'All-zero targets make w = 0 a critical point of F: not a regular value.',
    run({ case: c }) {
      const nonzero = c.data.y.filter((row) => row[0] !== 0).length;
      return nonzero > 0 ? holds('exact', `${nonzero} targets are nonzero`, { nonzero }) : fails('exact', 'every target is 0', { nonzero });
    },
  };
  const slow: Step = {
    id: 'slow-check',
    title: 'a long computation',
    explain: 'Reports its progress while it works.',
    async run({ progress }) {
      progress(0.4, 'halfway there');
      if (opts.gate) await opts.gate;
      progress(1);
      return holds('exact', 'done after waiting');
    },
  };
  return defineTheorem({
    id: opts.id ?? '9.1',
    title: `Theorem ${opts.id ?? '9.1'}: a test of the walkthrough`,
    statement: 'M is a smooth manifold of dimension n − d.',
    hypotheses: ['distinct inputs'],
    fits: (c) => c.model.kind === 'mlp',
    instantiate: (c, ws) => {
      const n = modelOf(ws).n;
      return `M ⊂ ℝ^${n} is a smooth ${n - c.data.d}-dimensional manifold.`;
    },
    steps: [distinctInputs, overparameterized, projectionSeparates, triangular, spectrum, targetsNonzero, slow],
    claims: (results) => ({ steps: results.size }),
  });
}

/** Perturbs every target by 1/8 (a stand-in with the signature of cases/perturb.ts). */
export function shiftTargets(c: Case): Case {
  const y = c.data.y.map((row) => row[0]! + 0.125);
  return makeCase(c.name, c.data.x.map((r) => Array.from(r)), y, { perturb: 0.125 });
}

export function fixtureDeps(theorems: readonly Theorem[], cases: Record<string, () => Case> = {}): SessionDeps {
  return {
    theorems,
    loadCase: (file) => {
      const make = cases[file];
      if (!make) throw new Error(`${file}: no such file`);
      return make();
    },
    perturb: shiftTargets,
    caseFiles: () => Object.keys(cases),
    judge: asGiven,
  };
}
