/**
 * Remark 4.2's two networks for k outputs, side by side: the paper's k copies of a one-output
 * network, and one shared hidden layer with output weights V = Y·A⁻ᵀ. Both rest on the same
 * triangular block A; both fit all k·d values; both make M of codimension k·d.
 */
import type { ModelSpec } from '../../src/cases/types.js';
import { buildModel } from '../../src/models/index.js';
import { mlpLayout, mlpWeightIndex, mlpBiasIndex } from '../../src/models/mlp.js';
import type { Model } from '../../src/models/types.js';
import { constructionOf } from '../../src/workspace/construction.js';
import { modelOf } from '../../src/workspace/model-of.js';
import { holds, unknown, type Json, type Step } from '../../src/proof/types.js';
import type { Workspace } from '../../src/workspace/workspace.js';
import { CONSTRUCTION_NEEDS, RESIDUAL_TOLERANCE, withConstruction } from './construction.js';

/** One of the k copies: a one-output network of the case's shape, and its point. */
interface Copy {
  readonly model: Model;
  readonly values: Float64Array;
}

/**
 * The copy for output o: the case's network with only output o. Its point is the constructed one
 * restricted to the hidden layers and output o (the hidden layers are the same in every copy).
 */
function copyFor(spec: ModelSpec, m: number, k: number, values: Float64Array, o: number): Copy {
  if (spec.kind === 'mlp') {
    const full = mlpLayout(m, spec.hidden, k);
    const one = mlpLayout(m, spec.hidden, 1);
    const model = buildModel(spec, m, 1);
    const w = new Float64Array(one.n);
    const L = spec.hidden.length;
    // hidden layers: identical offsets in both layouts
    w.set(values.subarray(0, full.layers[L]!.wOffset));
    const outFull = full.layers[L]!;
    const outOne = one.layers[L]!;
    for (let j = 0; j < outFull.fanIn; j++) w[mlpWeightIndex(outOne, 0, j)] = values[mlpWeightIndex(outFull, o, j)]!;
    w[mlpBiasIndex(outOne, 0)] = values[mlpBiasIndex(outFull, o)]!;
    return { model, values: w };
  }
  if (spec.kind === 'dag') {
    const keep = spec.outputs[o]!;
    const drop = new Set(spec.outputs.filter((v) => v !== keep));
    const sub: ModelSpec = {
      ...spec,
      nodes: spec.nodes.filter((v) => !drop.has(v)),
      outputs: [keep],
      edges: spec.edges.filter(([, to]) => !drop.has(to)),
    };
    // its point is filled by parameter name from the case's point (copiesOf)
    const model = buildModel(sub, m, 1);
    return { model, values: new Float64Array(model.n) };
  }
  throw new Error('an expression model has no copies');
}

/** The k copies with their points and residuals, computed once. */
export function copiesOf(ws: Workspace): { copies: Copy[]; residuals: number[]; n: number } | undefined {
  const con = constructionOf(ws);
  if (!con.applicable) return undefined;
  return ws.memo('construct:copies', () => {
    const c = ws.case_;
    const { m, k } = c.data;
    const caseModel = modelOf(ws);
    const index = new Map(caseModel.names.map((name, i) => [name, i]));
    const copies: Copy[] = [];
    for (let o = 0; o < k; o++) {
      const copy = copyFor(c.model, m, k, con.values, o);
      if (c.model.kind === 'dag') {
        // a dag copy keeps every name of the case's model but the other outputs' edges and biases
        copy.model.names.forEach((name, i) => (copy.values[i] = con.values[index.get(name)!]!));
      }
      copies.push(copy);
    }
    const residuals = copies.map((copy, o) => {
      const out = copy.model.outputs(copy.values, c.data.x);
      let r = 0;
      let scale = 0;
      for (let i = 0; i < c.data.d; i++) {
        const y = c.data.y[i]![o]!;
        r = Math.max(r, Math.abs(out[i]! - y));
        scale = Math.max(scale, Math.abs(y));
      }
      return r / (scale || 1);
    });
    return { copies, residuals, n: copies.reduce((s, cp) => s + cp.model.n, 0) };
  });
}

export const copiesFit: Step = {
  id: 'copies-fit',
  title: 'the paper\'s k copies fit the k outputs',
  explain:
    'The paper handles k outputs with k copies of a one-output network, copy l fitted to the l-th target ' +
    'column. Here every copy has the same hidden layers as the constructed point, so its block is the ' +
    'same A and its output weights are row l of V, already enclosed: each copy is certified by the same ' +
    'proof, and evaluated by its own model\'s forward pass.',
  needs: [...CONSTRUCTION_NEEDS, 'output-weights-enclosed'],
  run: (ctx) =>
    withConstruction(ctx, () => {
      const cp = copiesOf(ctx.ws)!;
      const worst = Math.max(...cp.residuals);
      const k = cp.copies.length;
      const data = { k, copyParameters: cp.copies[0]!.model.n, totalParameters: cp.n, relativeResiduals: cp.residuals, tolerance: RESIDUAL_TOLERANCE };
      const text = `${k} one-output copies (n = ${cp.copies[0]!.model.n} each, ${cp.n} in all) share A; each fits its column, largest relative residual of their forward passes ${worst.toExponential(2)}`;
      return worst <= RESIDUAL_TOLERANCE ? holds('interval', text, data) : unknown('float', `${text}, above the tolerance ${RESIDUAL_TOLERANCE}`, data);
    }),
};

export const sharedVersusCopies: Step = {
  id: 'shared-versus-copies',
  title: 'k copies and one shared layer, side by side',
  explain:
    'Both networks make F: ℝⁿ → ℝ^{kd} with M of codimension k·d. The copies\' Jacobian is block diagonal ' +
    'with one A per copy; the shared layer\'s output-weight columns form I_k ⊗ A: rank k·d in both, by ' +
    'the same signs. The construction\'s family: k(2d + m) numbers for the copies, m + d + k·d for the ' +
    'shared layer; the networks themselves: k·n₁ against n. Integer arithmetic.',
  needs: [...CONSTRUCTION_NEEDS, 'triangular-block-invertible', 'copies-fit'],
  run: (ctx) =>
    withConstruction(ctx, (con) => {
      const cp = copiesOf(ctx.ws)!;
      const { d, k } = con;
      const m = con.wiring.coords.length;
      const n = modelOf(ctx.ws).n;
      const kd = k * d;
      const shared = { network: n, family: con.familyCount, codimension: kd, manifoldDimension: n - kd, rankBlock: `I_${k} ⊗ A` };
      const copyFamily = k * (con.familyCount - (k - 1) * d);
      const copies = { network: cp.n, family: copyFamily, codimension: kd, manifoldDimension: cp.n - kd, rankBlock: `diag(A, …, A) (${k} blocks)` };
      return holds(
        'exact',
        `shared layer: n = ${n}, family ${shared.family}, M of dimension ${n - kd}; ${k} copies: n = ${cp.n}, family ${copyFamily}` +
          `${con.depth === 1 ? ` = k(2d + m)` : ''}, M of dimension ${cp.n - kd}; codimension k·d = ${kd} in both`,
        { shared, copies, d, m, k } as unknown as { readonly [key: string]: Json },
      );
    }),
};
