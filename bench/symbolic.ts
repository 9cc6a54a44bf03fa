/**
 * Benchmark: the symbolic gradient and Hessian of L for XOR with one hidden layer of width 4
 * (n = 17) and 8 (n = 33), softplus, built (closed form, mathjs derivatives), printed as the
 * certificate's text and evaluated at a point (timed), then checked against the models' numeric
 * gradient and Hessian (not timed).
 *
 * Reference figures for the same work in SymPy: about 1.4 s (n = 17) and 5.3 s (n = 33).
 *
 *   npx tsx bench/symbolic.ts
 */
import { readInlineData } from '../src/cases/data.js';
import type { Case } from '../src/cases/types.js';
import { buildModel } from '../src/models/index.js';
import { gradLoss, hessianLoss } from '../src/models/loss.js';
import { closedForm } from '../src/symbolic/closed-form.js';
import { exprToString } from '../src/expr/index.js';
import { evaluateCalculus, netCalculus } from '../src/symbolic/net-calculus.js';

function xorCase(width: number): Case {
  const data = readInlineData([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0], ['data']);
  return {
    name: `xor-${width}`,
    file: '',
    sha256: '',
    data,
    model: { kind: 'mlp', hidden: [width], activation: 'softplus' },
    loss: { kind: 'sum' },
    point: { kind: 'search' },
    perturb: 0,
    seed: 1,
  };
}

function maxRelDiff(a: Float64Array, b: Float64Array): number {
  let scale = 1;
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    scale = Math.max(scale, Math.abs(a[i]!), Math.abs(b[i]!));
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
  }
  return diff / scale;
}

const REFERENCE_SYMPY_S: Record<number, number> = { 4: 1.4, 8: 5.3 };
const REPEATS = 5;

for (const width of [4, 8]) {
  const c = xorCase(width);
  const model = buildModel(c.model, c.data.m, c.data.k);
  const w = Float64Array.from({ length: model.n }, (_, i) => Math.sin(1.7 * i + 0.3));
  const times: number[] = [];
  let last: ReturnType<typeof evaluateCalculus> | undefined;
  let nc: ReturnType<typeof netCalculus> | undefined;
  let chars = 0;
  for (let rep = 0; rep < REPEATS; rep++) {
    const t0 = performance.now();
    const cf = closedForm(c, w);
    nc = netCalculus(cf);
    last = evaluateCalculus(nc, w);
    // the certificate's text: L and every ∂L/∂w
    chars = exprToString(nc.loss).length + nc.gradient.reduce((sum, g) => sum + exprToString(g).length, 0);
    times.push(performance.now() - t0);
  }
  const data = { x: c.data.x, y: c.data.y };
  const gErr = maxRelDiff(last!.gradient, gradLoss(model, w, data));
  const hErr = maxRelDiff(last!.hessian, hessianLoss(model, w, data));
  const sorted = [...times].sort((a, b) => a - b);
  const ref = REFERENCE_SYMPY_S[width]!;
  console.log(
    `xor width ${width} (n = ${model.n}): first ${times[0]!.toFixed(1)} ms, median ${sorted[Math.floor(REPEATS / 2)]!.toFixed(1)} ms` +
      ` over ${REPEATS} runs; SymPy ≈ ${ref} s (${(ref * 1000 / times[0]!).toFixed(0)}× faster, first run);` +
      ` ${nc!.counts.mathjs} mathjs derivatives, ${chars} characters of text, ${nc!.counts.structuralZeros} zero by structure;` +
      ` max rel. difference to the numeric gradient ${gErr.toExponential(1)}, Hessian ${hErr.toExponential(1)}`,
  );
}
