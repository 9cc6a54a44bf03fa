/**
 * The kernel's re-check of the output-weight solve (feature-gram.ts) against the 65-digit
 * reference of feature-reference.ts: the proven λ_min(ΦΦᵀ) ≥ μ is a true lower bound, the
 * bound on the minimum-norm zero's distance from the centre holds coordinate by coordinate, a
 * box accepted holds that zero, and a box that holds no zero is never accepted. On the trained
 * fixtures (PyTorch exports) and on random small networks (fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { featureGramFact, type FeatureProblem } from '../../../src/kernel/checker/feature-gram.js';
import { sigmaOf } from '../../../src/kernel/checker/sigma.js';
import { fromNumber, type Rational } from '../../../src/kernel/rational.js';
import { Dec, encloses, exact } from '../../points/construct/decimal.js';
import { features, gram, cholesky, lambdaMin, minNormZero, outputOffsets, type Act, type RefNet } from './feature-reference.js';
import { certificateOf } from './helpers.js';

interface Built {
  readonly net: RefNet;
  readonly problem: FeatureProblem;
  readonly xDec: Dec[][];
  readonly yDec: Dec[][];
}

const numDec = (v: number | string): Dec => (typeof v === 'number' ? exact(v) : new Dec(v));

function build(net: RefNet, w: readonly number[], box: readonly (readonly [number, number])[], x: readonly (readonly number[])[], y: readonly (readonly number[])[]): Built {
  const rat = (v: number): Rational => fromNumber(v);
  return {
    net,
    problem: { m: net.m, k: net.k, hidden: net.hidden, sigma: sigmaOf(net.act), at: box.map(([lo]) => lo), centre: w, box, x: x.map((r) => r.map(rat)), y: y.map((r) => r.map(rat)) },
    xDec: x.map((r) => r.map((v) => exact(v))),
    yDec: y.map((r) => r.map((v) => exact(v))),
  };
}

/** What the reference says of a problem the kernel accepted: μ below λ_min, the zero within the bound and in the box. */
function confirm(b: Built, mu: number, move: number): { readonly lambda: { lo: Dec; hi: Dec }; readonly zero: Dec[] } {
  const Phi = features(b.net, b.problem.at, b.xDec);
  const G = gram(Phi);
  // G − μI positive definite at 65 digits, with pivots far above the reference's own rounding
  expect(cholesky(G, exact(mu))).toBeDefined();
  const lambda = lambdaMin(G, 40);
  expect(exact(mu).lte(lambda.hi)).toBe(true);
  const zero = minNormZero(b.net, Phi, b.problem.centre, b.yDec)!;
  expect(zero).toBeDefined();
  const { weights } = outputOffsets(b.net);
  zero.forEach((z, j) => {
    const at = weights + j;
    const c = exact(b.problem.centre[at]!);
    expect(z.minus(c).abs().lte(exact(move)), `output parameter ${at}: the zero is ${z.minus(c).abs().toExponential(3)} from the centre, the bound ${move}`).toBe(true);
    const [lo, hi] = b.problem.box[at]!;
    expect(encloses(lo, hi, z), `output parameter ${at}: [${lo}, ${hi}] ∌ ${z.toExponential(20)}`).toBe(true);
  });
  return { lambda, zero };
}

type CertJson = {
  input: { model: { hidden: number[]; activation: Act }; data: { x: (number | string)[][]; y: (number | string | (number | string)[])[] } };
  case: { m: number; k: number };
  point: { values: number[]; enclosure: [number, number][] };
};

/** The problem a trained fixture's certificate poses (as the kernel reads it). */
async function fromCertificate(name: string): Promise<Built> {
  const c = (await certificateOf(name)) as unknown as CertJson;
  const net: RefNet = { m: c.case.m, k: c.case.k, hidden: c.input.model.hidden, act: c.input.model.activation };
  const x = c.input.data.x;
  const y = c.input.data.y.map((r) => (Array.isArray(r) ? r : [r]));
  const box = c.point.enclosure;
  const rational = (v: number | string): Rational => {
    if (typeof v !== 'number') throw new Error('fixture data are binary64 numbers');
    return fromNumber(v);
  };
  return {
    net,
    problem: { m: net.m, k: net.k, hidden: net.hidden, sigma: sigmaOf(net.act), at: box.map(([lo]) => lo), centre: c.point.values, box, x: x.map((r) => r.map(rational)), y: y.map((r) => r.map(rational)) },
    xDec: x.map((r) => r.map(numDec)),
    yDec: y.map((r) => r.map(numDec)),
  };
}

describe('the output-weight solve on the trained fixtures, against a 65-digit reference', () => {
  it.each(['trained/sigmoid1k3', 'trained/softplus2k3', 'trained/tanh2'])('%s: μ ≤ λ_min(ΦΦᵀ), and the box holds the minimum-norm zero', async (name) => {
    const b = await fromCertificate(name);
    const f = featureGramFact(b.problem);
    expect(f.ok, f.ok ? '' : f.why).toBe(true);
    if (!f.ok) return;
    const { lambda } = confirm(b, f.mu, f.move);
    // the proof is not vacuous: μ within a factor 25 of the true λ_min (shifts of 0.5, 0.1 and 0.01 of an estimate)
    expect(exact(f.mu).times(25).gte(lambda.lo)).toBe(true);
  }, 60_000);
});

/** A small random network with a zero of F near chosen output weights (targets from the 65-digit forward pass). */
function randomCase(seed: number): { readonly b: (box: (c: number[]) => [number, number][]) => Built; readonly net: RefNet; readonly centre: number[]; readonly d: number } {
  let s = seed >>> 0 || 1;
  const rnd = (): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const d = 2 + Math.floor(rnd() * 5);
  const m = 1 + Math.floor(rnd() * 3);
  const h = d - 1 + Math.floor(rnd() * 4);
  const hidden = rnd() < 0.3 ? [2 + Math.floor(rnd() * 4), h] : [h];
  const k = rnd() < 0.3 ? 2 : 1;
  const net: RefNet = { m, hidden, k, act: pick(['tanh', 'sigmoid', 'softplus', 'relu'] as const) };
  const { weights, n } = outputOffsets(net);
  const w = Array.from({ length: n }, () => 3 * rnd() - 1.5);
  const x = Array.from({ length: d }, () => Array.from({ length: m }, () => 4 * rnd() - 2));
  // y = f(w, x) to 65 digits, rounded to binary64: a zero lies within rounding of the output weights w
  const Phi = features(net, w, x.map((r) => r.map((v) => exact(v))));
  const q = hidden[hidden.length - 1]! + 1;
  const h1 = q - 1;
  const y = Phi.map((row) => Array.from({ length: k }, (_, o) => row.reduce((t, v, j) => t.plus(v.times(exact(w[j < h1 ? weights + o * h1 + j : weights + k * h1 + o]!))), new Dec(0)).toNumber()));
  // the centre: the output weights moved by 10^-(6..14)
  const scale = 10 ** -(6 + Math.floor(rnd() * 9));
  const centre = w.map((v, j) => (j >= weights ? v + scale * (2 * rnd() - 1) : v));
  return { b: (box) => build(net, centre, box(centre), x, y), net, centre, d };
}

describe('the output-weight solve on random small networks (fast-check)', () => {
  it('whatever it accepts the reference confirms, and it accepts most well-posed cases', () => {
    let accepted = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.double({ min: 1.05, max: 8, noNaN: true }), (seed, factor) => {
        runs++;
        const r = randomCase(seed);
        const { weights } = outputOffsets(r.net);
        // first with a huge box: the bound on the zero's distance from the centre, checked per coordinate
        const wide = r.b((c) => c.map((v, j) => (j >= weights ? [-1e300, 1e300] : [v, v])));
        const f = featureGramFact(wide.problem);
        if (!f.ok) return;
        confirm(wide, f.mu, f.move);
        // then a box `factor` times that bound: accepted, and confirmed
        const tight = r.b((c) => c.map((v, j) => (j >= weights ? [v - factor * f.move, v + factor * f.move] : [v, v])));
        const g = featureGramFact(tight.problem);
        expect(g.ok, g.ok ? '' : g.why).toBe(true);
        if (g.ok) confirm(tight, g.mu, g.move);
        accepted++;
      }),
      { numRuns: 60, seed: 17 },
    );
    // relu units dead on every input, or nearly dependent features, are refused; most are not
    expect(accepted).toBeGreaterThan(runs / 2);
  }, 120_000);

  it('the bound on the zero\'s distance holds where it is nearly tight: the residual along ΦΦᵀ\'s smallest eigenvector', () => {
    let tightest = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const r = randomCase(seed);
        const { weights } = outputOffsets(r.net);
        const probe = r.b((c) => c.map((v, j) => (j >= weights ? [-1e300, 1e300] : [v, v])));
        const Phi = features(probe.net, probe.problem.at, probe.xDec).map((row) => row.map((v) => v.toNumber()));
        const d = Phi.length;
        const q = Phi[0]!.length;
        const G = Phi.map((a) => Phi.map((b) => a.reduce((t, v, l) => t + v * b[l]!, 0)));
        // the smallest eigenvector u of G (float inverse iteration: only a direction is wanted)
        const solve = (b: number[]): number[] | undefined => {
          const A = G.map((row, i) => [...row, b[i]!]);
          for (let c = 0; c < d; c++) {
            let piv = c;
            for (let i = c + 1; i < d; i++) if (Math.abs(A[i]![c]!) > Math.abs(A[piv]![c]!)) piv = i;
            [A[c], A[piv]] = [A[piv]!, A[c]!];
            if (A[c]![c] === 0) return undefined;
            for (let i = c + 1; i < d; i++) {
              const f = A[i]![c]! / A[c]![c]!;
              for (let l = c; l <= d; l++) A[i]![l]! -= f * A[c]![l]!;
            }
          }
          const t = new Array<number>(d).fill(0);
          for (let i = d - 1; i >= 0; i--) {
            let v = A[i]![d]!;
            for (let l = i + 1; l < d; l++) v -= A[i]![l]! * t[l]!;
            t[i] = v / A[i]![i]!;
          }
          return t;
        };
        let u = new Array<number>(d).fill(1);
        for (let it = 0; it < 30; it++) {
          const t = solve(u);
          if (t === undefined) return;
          const nrm = Math.hypot(...t);
          if (!(nrm > 0) || !Number.isFinite(nrm)) return;
          u = t.map((v) => v / nrm);
        }
        const t = solve(u);
        if (t === undefined) return;
        // the centre moved by δ = Φᵀ G⁻¹ u · ε, so that Φδ = ε·u
        const h = q - 1;
        const eps = 1e-9;
        const centre = [...probe.problem.centre];
        for (let o = 0; o < r.net.k; o++) {
          for (let j = 0; j < q; j++) {
            const at = j < h ? weights + o * h + j : weights + r.net.k * h + o;
            centre[at] = centre[at]! + eps * Phi.reduce((acc, row, i) => acc + row[j]! * t[i]!, 0);
          }
        }
        const moved = { ...probe, problem: { ...probe.problem, centre } };
        const f = featureGramFact(moved.problem);
        if (!f.ok) return;
        const { zero } = confirm(moved, f.mu, f.move);
        const far = Math.max(...zero.map((z, j) => Math.abs(z.toNumber() - centre[weights + j]!)));
        tightest = Math.max(tightest, far / f.move);
      }),
      { numRuns: 40, seed: 23 },
    );
    // somewhere the true distance comes within a factor 5 of the bound (μ ≈ λ_min/2 costs 2 of it),
    // so a bound 5 times too small would have been caught by confirm() above
    expect(tightest).toBeGreaterThan(0.2);
  }, 120_000);

  it('a box that holds no zero of F is never accepted (h + 1 = d: the zero is unique)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 40 }), fc.double({ min: 0.5, max: 50, noNaN: true }), (seed, pickCoord, far) => {
        const r = randomCase(seed);
        const h = r.net.hidden[r.net.hidden.length - 1]!;
        fc.pre(h + 1 === r.d);
        const { weights } = outputOffsets(r.net);
        const probe = r.b((c) => c.map((v, j) => (j >= weights ? [-1e300, 1e300] : [v, v])));
        const Phi = features(probe.net, probe.problem.at, probe.xDec);
        const zero = minNormZero(probe.net, Phi, probe.problem.centre, probe.yDec);
        fc.pre(zero !== undefined);
        // a box around the centre with one coordinate moved `far` widths past the unique zero
        const j0 = weights + (pickCoord % (zero!.length));
        const z = zero![j0 - weights]!.toNumber();
        const width = Math.max(Math.abs(z - r.centre[j0]!), 1e-300) * 2;
        const edited = r.b((c) =>
          c.map((v, j): [number, number] => {
            if (j < weights) return [v, v];
            if (j !== j0) return [v - 1, v + 1];
            const lo = z + far * width;
            return [lo, lo + width];
          }),
        );
        // the centre inside the moved box, as a certificate's values would be
        const centre = [...edited.problem.centre];
        centre[j0] = edited.problem.box[j0]![0];
        const f = featureGramFact({ ...edited.problem, centre });
        expect(f.ok).toBe(false);
      }),
      { numRuns: 60, seed: 5 },
    );
  }, 120_000);
});

/** The feature route's certificate of a trained fixture, edited: each edit must make verify fail. */
describe('an edited certificate of a trained network is rejected', () => {
  type Cert = Record<string, any>;
  const failing = async (edit: (c: Cert) => void): Promise<string | undefined> => {
    const { verifyCertificate, inputDigest } = await import('../../../src/kernel/checker/index.js');
    const c = (await certificateOf('trained/sigmoid1k3')) as Cert;
    edit(c);
    c.case.sha256 = inputDigest(c.case.name, c.input);
    const r = verifyCertificate(c);
    return r.failed === undefined ? undefined : `${r.failed.where}: ${r.failed.detail}`;
  };
  const outputWeight = (c: Cert): number => c.point.values.length - 5;

  it('as made, it verifies through the output-weight solve, distance included', async () => {
    const { verifyCertificate } = await import('../../../src/kernel/checker/index.js');
    const r = verifyCertificate(await certificateOf('trained/sigmoid1k3'));
    expect(r.failed, r.failed?.detail).toBeUndefined();
    const at = (where: string) => r.checks.find((c) => c.where === where);
    expect(at('point.enclosure')?.detail).toMatch(/output-weight solve/);
    expect(at('point.distance')?.status).toBe('ok');
    expect(at('2.3/claims.minPositiveEigenvalueLowerBound')?.status).toBe('ok');
  }, 60_000);

  it.each<[string, (c: Cert) => void, RegExp]>([
    ['a hidden weight moved by 1e-7', (c) => {
      c.point.values[0] += 1e-7;
      c.point.enclosure[0] = [c.point.values[0], c.point.values[0]];
    }, /^point\.enclosure/],
    ['an output weight\'s interval narrowed to a thousandth', (c) => {
      const j = outputWeight(c);
      const [lo, hi] = c.point.enclosure[j];
      const v = c.point.values[j];
      c.point.enclosure[j] = [v - (v - lo) / 1000, v + (hi - v) / 1000];
    }, /^point\.enclosure/],
    ['an output weight moved out of its interval', (c) => {
      const j = outputWeight(c);
      c.point.values[j] = c.point.enclosure[j][1] + 1e-3;
    }, /^point\.values/],
    ['a target changed (digest recomputed)', (c) => {
      c.input.data.y[0][0] += 1e-6;
    }, /^point\.enclosure/],
    ['the claimed λ_min⁺ bound (2μ) raised a hundredfold', (c) => {
      for (const r of c.results) {
        if (typeof r.claims.minPositiveEigenvalueLowerBound === 'number') r.claims.minPositiveEigenvalueLowerBound *= 100;
        for (const s of r.steps) if (s.id === 'min-positive-eigenvalue-bound') s.data.bound *= 100;
      }
    }, /min-positive-eigenvalue-bound|minPositiveEigenvalueLowerBound/],
    ['point.distance halved', (c) => {
      c.point.distance /= 2;
    }, /^point\.distance/],
    ['a trained weight moved by 1e-3', (c) => {
      c.point.trained[3] += 1e-3;
    }, /^point\.distance/],
    ['the box dropped, the distance kept', (c) => {
      delete c.point.enclosure;
    }, /point\.distance|residual|enclosure/],
  ])('%s', async (_what, edit, where) => {
    const failed = await failing(edit);
    expect(failed).toBeDefined();
    expect(failed).toMatch(where);
  }, 60_000);
});
