/**
 * `certified` means proven: cases a careful user can write, on which the checker alone once
 * certified false claims or failed true ones, and certificates edited to say what is false. Each
 * expectation is the truth about the case, worked out by hand (or by exact rationals), not what
 * the tool happened to print.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseFromObject } from '../../src/models/case.js';
import { verifyCertificate } from '../../src/kernel/checker/index.js';
import { OBLIGATIONS } from '../../src/kernel/checker/obligations.js';
import { cmp, fromNumber, mul, rat, type Rational } from '../../src/kernel/rational.js';
import { runCase } from '../../src/proof/runner.js';
import { THEOREMS, selectTheorems } from '../../theorems/index.js';
import { certificateOf } from './checker/helpers.js';

type Json = Record<string, unknown>;

async function check(spec: Json): Promise<Json> {
  const c = caseFromObject(spec, '');
  return JSON.parse(JSON.stringify(await runCase(c, selectTheorems(c)))) as Json;
}

const XOR = { x: [[0, 0], [0, 1], [1, 0], [1, 1]], y: [0, 1, 1, 0] };

const results = (cert: Json) => cert.results as { theorem: string; verdict: string; claims: Json; steps: { id: string; verdict: string; rigor: string }[] }[];

describe('the kernel keeps the theorem registry honest', () => {
  it('every theorem needs exactly the steps it runs', () => {
    for (const t of THEOREMS) expect(t.steps.map((s) => s.id), t.id).toEqual([...OBLIGATIONS[t.id as keyof typeof OBLIGATIONS]]);
  });
});

describe('check certifies only what is proven', () => {
  it('a bound at the float point is not claimed at the proven one (λ_min⁺ = 8 on M)', async () => {
    const cert = await check({ data: { x: [[1]], y: [1] }, model: { kind: 'expression', params: ['w1', 'w2'], inputs: ['x'], output: 'w1^2*x + 0*w2' }, point: { params: { w1: 1.00001, w2: 0 } } });
    for (const r of results(cert)) {
      const b = r.claims.minPositiveEigenvalueLowerBound;
      if (typeof b === 'number') expect(b).toBeLessThanOrEqual(8);
    }
    expect(verifyCertificate(cert).failed).toBeUndefined();
  });

  it('claims of Σ f² are not made under another loss: Σ |f|³ has Hessian 0 on M', async () => {
    const cert = await check({ data: { x: [[0, 0], [0, 1], [1, 0], [1, 1]], y: [0, 1, 1, 0] }, model: { kind: 'mlp', hidden: [4], activation: 'smoolu' }, loss: { power: 3 }, point: 'construct', theorems: ['4.1'] });
    const r = results(cert)[0]!;
    expect(r.verdict).not.toBe('certified');
    const h = r.claims.hessian as { positive?: number } | undefined;
    expect(h === undefined || h.positive === 0).toBe(true);
    expect(r.claims.minPositiveEigenvalueLowerBound).toBeUndefined();
  });

  it.each([{ power: 3 }, { power: 2.5 }, { power: 4 }, { power: 1.5 }, { power: 1 }, 'abs'])('under the loss %j the Hessian count of Proposition 2.3 fails, with a proof, in 4.1 and 2.3', async (loss) => {
    const cert = await check({ data: XOR, model: { kind: 'mlp', hidden: [4], activation: 'smoolu' }, loss, point: 'construct', theorems: ['4.1', '2.3'] });
    for (const r of results(cert)) {
      expect(r.verdict, r.theorem).toBe('fails');
      expect(r.claims.hessian, r.theorem).toBeUndefined();
      expect(r.claims.minPositiveEigenvalueLowerBound, r.theorem).toBeUndefined();
      const failing = r.steps.filter((s) => s.verdict === 'fails');
      expect(failing.map((s) => s.id), r.theorem).toEqual([r.theorem === '4.1' ? 'hessian-spectrum' : 'loss-is-square']);
      expect(failing[0]!.rigor).not.toBe('float');
    }
    // the rest of Theorem 4.1 is untouched by the loss: M is the same manifold
    expect(results(cert).find((r) => r.theorem === '4.1')!.claims.manifoldDimension).toBe(13);
  });

  it.each(['sum', 'mean', { power: 2 }])('under the square loss %j, 4.1 is certified with d·k positive eigenvalues', async (loss) => {
    const cert = await check({ data: XOR, model: { kind: 'mlp', hidden: [4], activation: 'smoolu' }, loss, point: 'construct', theorems: ['4.1'] });
    const r = results(cert)[0]!;
    expect(r.verdict).toBe('certified');
    expect(r.claims.hessian).toEqual({ positive: 4, zero: 13, negative: 0 });
  });

  it('a rank at a searched point off M is not a rank on M (every point of M has rank J = 1)', async () => {
    const cert = await check({ data: { x: [[1], [2]], y: [0, 0] }, model: { kind: 'expression', params: ['w1', 'w2', 'w3'], inputs: ['x'], output: '(w1 - w2)^2 * x + w3*x*(x - 1)' }, point: 'search' });
    for (const r of results(cert)) {
      expect(r.verdict, r.theorem).not.toBe('certified');
      expect((r.claims.hessian as { positive?: number } | undefined)?.positive).not.toBe(2);
      expect(r.claims.minPositiveEigenvalueLowerBound).toBeUndefined();
    }
  });

  it('a tiny residual is not zero: F(0, 0) = −10⁻¹³ is off M, so nothing fails', async () => {
    const cert = await check({ data: { x: [[1]], y: ['1e-13'] }, model: { kind: 'expression', params: ['w1', 'w2'], inputs: ['x'], output: 'w1*w2*x' }, point: { params: { w1: 0, w2: 0 } } });
    for (const r of results(cert)) expect(r.verdict, r.theorem).not.toBe('fails');
  });

  const expr = (output: string, y: unknown[], point: unknown, params = ['w1', 'w2'], x: number[][] = [[1]]): Json => ({ data: { x, y }, model: { kind: 'expression', params, inputs: ['x'], output }, point });

  it.each([
    ['0·log(w2 − 0.50000000000005) at w2 = 0.5 + 10⁻¹³: off M, and M is empty', expr('w2*x + w1^2 + 0*log(w2 - 0.50000000000005)', [0.5], { params: { w1: 0, w2: 0.5000000000001 } })],
    ['(w1 − w1)·sqrt(w2 − 0.6) at w2 = 0.5: undefined at the point', expr('w2*x + w1^2 + (w1 - w1)*sqrt(w2 - 0.6)', [0.5], { params: { w1: 0, w2: 0.5 } })],
    ['0/(w2 − 0.5) at w2 = 0.5', expr('w2*x + w1^2 + 0/(w2 - 0.5)', [0.5], { params: { w1: 0, w2: 0.5 } })],
    ['a searched point of (w1 − 2w2)²x + w3·x(x − 1): rank 1 on M', expr('(w1 - 2*w2)^2 * x + w3*x*(x - 1)', [0, 0], 'search', ['w1', 'w2', 'w3'], [[1], [2]])],
    ['a searched point of (w1 + w2)⁴x + w3·x(x − 3): rank 1 on M', expr('(w1 + w2)^4 * x + w3*x*(x - 3)', [0, 0], 'search', ['w1', 'w2', 'w3'], [[1], [3]])],
    ['y = 10⁻³⁰⁰ for f = w1·w2·x at 0: off M', expr('w1*w2*x', ['1e-300'], { params: { w1: 0, w2: 0 } })],
  ])('nothing false is certified or supported, and the certificate verifies: %s', async (_, spec) => {
    const cert = await check(spec);
    for (const r of results(cert)) {
      expect(['certified', 'supported'], r.theorem).not.toContain(r.verdict);
      expect(r.verdict, r.theorem).not.toBe('fails');
      expect(r.claims.hessian, r.theorem).toBeUndefined();
    }
    expect(verifyCertificate(cert).failed).toBeUndefined();
  });

  it('abs of a positive quantity is no kink: w2·x + |e^(w1)| is smooth, 2.1 is certified, and verify agrees', async () => {
    const cert = await check(expr('w2*x + abs(exp(w1))', [2], { params: { w1: 0, w2: 1 } }));
    expect(results(cert).find((r) => r.theorem === '2.1')!.verdict).toBe('certified');
    expect(verifyCertificate(cert).failed).toBeUndefined();
  });

  it('an eigenvalue bound that overflows is never claimed (w1^(10³⁰⁸) at w1 = 1)', async () => {
    const cert = await check(expr('w1^1e308 + w2*x', [1], { params: { w1: 1, w2: 0 } }));
    for (const r of results(cert)) expect(r.claims.minPositiveEigenvalueLowerBound, r.theorem).toBeUndefined();
    expect(verifyCertificate(cert).failed).toBeUndefined();
  });

  it('a failure seen only in floating point is not a failure (σ = e^(−1/t)(t² − t + 1) underflows)', async () => {
    const cert = await check({ data: { x: [[0, 0], [0, 1], [1, 0], [1, 1]], y: [0, 1, 1, 0] }, model: { kind: 'mlp', hidden: [4], activation: { name: 'flat', positive: 'exp(-1/t)*(t^2 - t + 1)' } }, theorems: ['3.3', '4.1'] });
    for (const r of results(cert)) {
      expect(r.verdict, r.theorem).not.toBe('fails');
      for (const s of r.steps) if (s.verdict === 'fails') expect(s.rigor).not.toBe('float');
    }
  });

  const verdictsWith = async (positive: string): Promise<Map<string, { verdict: string; positive: { verdict: string; rigor: string } }>> => {
    const cert = await check({ data: XOR, model: { kind: 'mlp', hidden: [4], activation: { name: 'flat', positive } }, theorems: ['3.3', '4.1'] });
    return new Map(results(cert).map((r) => [r.theorem, { verdict: r.verdict, positive: r.steps.find((s) => s.id === 'activation-positive')! }]));
  };

  it.each(['exp(-1/t)*(t^2 - t + 1)', 'exp(-1/t^2)*(t^4 - 2*t^2 + 2)', 'exp(-2/t)*(t^2 - 2*t + 1.0000001)', '(t^2 - t + 1)*exp(-1/t)/(t^2 + 1)', 'exp(-1/t - t^2)*(5 - 4*t + t^2)'])(
    'σ = %s underflows near 0 but is positive, increasing enough and C^∞: 3.3 and 4.1 are certified',
    async (positive) => {
      const v = await verdictsWith(positive);
      for (const id of ['3.3', '4.1']) {
        expect(v.get(id)!.positive, `${id} ${positive}`).toMatchObject({ verdict: 'holds', rigor: 'exact' });
        expect(v.get(id)!.verdict, `${id} ${positive}`).toBe('certified');
      }
    },
  );

  it.each([
    ['exp(-1/t)*(t - 1)^2', 'σ(1) = 0'],
    ['exp(-1/t)*(t^2 - 2*t + 0.9999)', 'σ(1) < 0'],
    ['exp(-1/(t - 1))', 'σ is undefined at 1'],
  ])('σ = %s is not positive on t > 0 (%s): the step fails with a proof, never float', async (positive) => {
    const v = await verdictsWith(positive);
    for (const id of ['3.3', '4.1']) {
      expect(v.get(id)!.positive.verdict, `${id} ${positive}`).toBe('fails');
      expect(v.get(id)!.positive.rigor, `${id} ${positive}`).not.toBe('float');
      expect(v.get(id)!.verdict).toBe('fails');
    }
  });

  it('claims are about the point the certificate carries (a trained XOR net)', async () => {
    const cert = await check({ data: { x: [[0, 0], [0, 1], [1, 0], [1, 1]], y: [0, 1, 1, 0] }, model: { kind: 'mlp', hidden: [4], activation: 'smoolu' }, point: { train: { steps: 2000, rate: 0.05 } }, theorems: ['4.1'] });
    const r = results(cert)[0]!;
    expect(r.claims.minPositiveEigenvalueLowerBound).toBeUndefined();
    expect(verifyCertificate(cert).failed).toBeUndefined();
  });

  it('any bound claimed for f = w1²x on y = a lies below the true λ_min⁺ = 8a on M (exact oracle)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), fc.integer({ min: -2000, max: 2000 }), async (a8, offset) => {
        // a = a8/8 and a point near √a, moved by up to 2·10⁻⁴ relative
        const a = a8 / 8;
        const w1 = Math.sqrt(a) * (1 + offset * 1e-7);
        const cert = await check({ data: { x: [[1]], y: [String(a)] }, model: { kind: 'expression', params: ['w1', 'w2'], inputs: ['x'], output: 'w1^2*x + 0*w2' }, point: { params: { w1, w2: 0 } }, theorems: ['2.3'] });
        const b = results(cert)[0]!.claims.minPositiveEigenvalueLowerBound;
        if (typeof b === 'number') {
          const truth: Rational = mul(rat(8n), rat(BigInt(a8), 8n));
          expect(cmp(fromNumber(b), truth)).toBeLessThanOrEqual(0);
        }
      }),
      { numRuns: 25, seed: 12 },
    );
  });
});

describe('verify refuses edited certificates whose claims are false', () => {
  const edit = async (name: string, f: (c: Json) => void): Promise<ReturnType<typeof verifyCertificate>> => {
    const c = await certificateOf(name);
    f(c);
    return verifyCertificate(c);
  };
  const resultOf = (c: Json, theorem: string) => results(c).find((r) => r.theorem === theorem)!;

  it('the loss changed to Σ|f|³ or Σ|f| with the loss step removed: the Hessian counts are refused', async () => {
    for (const loss of [{ power: 3 }, 'abs']) {
      const r = await edit('xor', (c) => {
        (c.input as Json).loss = loss;
        for (const res of results(c)) res.steps = res.steps.filter((s) => s.id !== 'loss-is-square');
      });
      expect(r.failed, JSON.stringify(loss)).toBeDefined();
    }
  });

  it.each(['tanh', 'product-critical', 'narrow', 'conflicting-duplicates', 'relu-not-smooth', 'mlp-zero-critical'])('%s: a failing step marked skipped or deleted, the result set to certified', async (name) => {
    for (const how of ['skip', 'delete'] as const) {
      const r = await edit(name, (c) => {
        for (const res of results(c)) {
          if (how === 'skip') res.steps = res.steps.map((s) => (s.verdict === 'fails' || s.verdict === 'unknown' ? { ...s, verdict: 'skipped', summary: 'skipped' } : s));
          else res.steps = res.steps.filter((s) => s.verdict === 'holds');
          res.verdict = 'certified';
        }
      });
      expect(r.failed, `${name} ${how}`).toBeDefined();
    }
  });

  it('a false step set to holds, exact, with empty data (tanh vanishes on t ≤ 0)', async () => {
    const r = await edit('tanh', (c) => {
      for (const res of results(c)) {
        res.steps = res.steps.map((s) => (s.id === 'activation-vanishes-nonpositive' ? { ...s, verdict: 'holds', rigor: 'exact', data: {} } : s));
      }
    });
    expect(r.failed).toBeDefined();
  });

  it('steps with unknown ids, or a result made only of them, certify nothing', async () => {
    const r = await edit('product-generic', (c) => {
      for (const res of results(c)) {
        res.steps = [{ id: 'made-up', verdict: 'holds', rigor: 'exact', summary: 'trust me', data: {} } as never];
        res.verdict = 'certified';
      }
    });
    expect(r.failed).toBeDefined();
  });

  it('Theorem 2.1 on an expression model relabelled 4.1', async () => {
    const r = await edit('product-generic', (c) => {
      resultOf(c, '2.1').theorem = '4.1';
    });
    expect(r.failed).toBeDefined();
  });

  it("ReLU's smoothness step dropped, manifold and Hessian claims added", async () => {
    const r = await edit('relu-not-smooth', (c) => {
      for (const res of results(c)) {
        res.steps = res.steps.filter((s) => s.id !== 'smooth-model' && s.id !== 'activation-smooth').map((s) => (s.verdict === 'skipped' ? { ...s, verdict: 'holds' } : s));
        res.verdict = 'certified';
        res.claims = { manifoldDimension: (c.case as Json).n as number - 1, hessian: { positive: 1, zero: 0, negative: 0 } };
      }
    });
    expect(r.failed).toBeDefined();
  });

  it('a float step with its tolerance set to 10³⁰⁰ at a point moved off M', async () => {
    const r = await edit('product-generic', (c) => {
      const p = c.point as { values: number[]; enclosure?: unknown };
      p.values = p.values.map((v) => v + 0.5);
      delete p.enclosure;
      for (const res of results(c)) for (const s of res.steps) (s as unknown as { data: Json }).data.tol = 1e300;
    });
    expect(r.failed).toBeDefined();
  });

  it('the loss changed to Σ|f|³ with 4.1\'s Hessian step claiming the true counts {0, n, 0} as holding', async () => {
    const r = await edit('xor', (c) => {
      (c.input as Json).loss = { power: 3 };
      for (const res of results(c)) {
        res.steps = res.steps.filter((s) => s.id !== 'loss-is-square').map((s) => (s.id === 'hessian-spectrum' || s.id === 'hessian-counts' ? { ...s, data: { positive: 0, zero: 17, negative: 0 } } : s)) as never;
        if (res.claims.hessian !== undefined) res.claims = { ...res.claims, hessian: { positive: 0, zero: 17, negative: 0 } };
        delete res.claims.minPositiveEigenvalueLowerBound;
      }
    });
    expect(r.failed).toBeDefined();
  });

  it("another case's digest, or another name, is refused", async () => {
    const other = (await certificateOf('product-perturbed')).case as Json;
    expect((await edit('product-generic', (c) => ((c.case as Json).sha256 = other.sha256))).failed?.where).toBe('case.sha256');
    expect((await edit('product-generic', (c) => ((c.case as Json).name = 'product-perturbed'))).failed?.where).toBe('case.sha256');
  });

  it('a dag in which one output feeds another is refused as the case loader refuses it', async () => {
    const c = await certificateOf('two-outputs');
    const model = (c.input as Json).model as { kind: string; edges?: string[][]; outputs?: string[] };
    if (model.kind !== 'dag') return;
    model.edges!.push([model.outputs![0]!, model.outputs![1]!]);
    expect(() => verifyCertificate(c)).toThrow(/outputs have no outgoing edges/);
  });
});
