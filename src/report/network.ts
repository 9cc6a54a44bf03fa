/**
 * What a layered network's certificate says about its last hidden layer, for the pictures: the
 * certificate carries the data, the model and the point, so the block A (unit j's output on data
 * row i) and the scalars pᵢ and biases βⱼ of Lemma 3.3 can be read off by one forward pass in
 * floating point. Nothing is re-proved: the steps' evidence stays what the certificate says; this
 * only draws the objects that evidence is about, at any depth and any d (step data keep only a
 * sample of long lists).
 */
import type { ActivationSpec } from '../cases/types.js';
import { compileActivation } from '../models/activation.js';
import { mlpLayout } from '../models/mlp.js';
import type { Certificate } from '../proof/certificate.js';

export interface LastLayer {
  /** A: rows = data points in increasing order of p (or of how many units they switch on), columns = units in increasing order of β */
  readonly A: readonly (readonly number[])[];
  /** the scalars pᵢ = a·h(xᵢ) the units share, sorted; undefined when the units do not share their incoming weights */
  readonly p?: readonly number[];
  /** βⱼ = −bⱼ of the units shown, sorted */
  readonly beta: readonly number[];
  /** data rows (1-based) in the order of A's rows */
  readonly rowOrder: readonly number[];
  /** units shown / width of the last hidden layer */
  readonly units: number;
  readonly width: number;
  readonly depth: number;
}

/** An exact number as the certificate writes it (a binary64 number, a decimal string, or p/q) as the nearest double. */
export function numberOf(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return Number.NaN;
  const slash = v.indexOf('/');
  return slash > 0 ? Number(v.slice(0, slash)) / Number(v.slice(slash + 1)) : Number(v);
}

interface MlpModel {
  readonly kind: 'mlp';
  readonly hidden: readonly number[];
  readonly activation: ActivationSpec;
}

function isMlp(model: unknown): model is MlpModel {
  const m = model as Partial<MlpModel> | null;
  return !!m && m.kind === 'mlp' && Array.isArray(m.hidden) && m.hidden.length > 0 && m.activation !== undefined;
}

/** The last hidden layer at the certificate's point, or undefined when it has no layered network or no point. */
export function lastHiddenLayer(cert: Certificate): LastLayer | undefined {
  const model = cert.input.model;
  if (!isMlp(model) || !cert.point) return undefined;
  const { m, k } = cert.case;
  let layout;
  let sigma: (t: number) => number;
  try {
    layout = mlpLayout(m, model.hidden, k);
    sigma = compileActivation(model.activation).f;
  } catch {
    return undefined;
  }
  const w = cert.point.values;
  if (w === undefined || w.length !== layout.n) return undefined;
  const depth = model.hidden.length;
  const last = layout.layers[depth - 1]!;
  // Units the construction uses have incoming weights; the spare ones (width > d) have none.
  const used: number[] = [];
  for (let u = 0; u < last.width; u++) {
    let any = false;
    for (let j = 0; j < last.fanIn; j++) if (w[last.wOffset + u * last.fanIn + j] !== 0) any = true;
    if (any) used.push(u);
  }
  if (used.length === 0) return undefined;
  const beta = new Map(used.map((u) => [u, 0 - w[last.bOffset + u]!])); // 0 − b, not −b: no −0 for a zero bias
  used.sort((a, b) => beta.get(a)! - beta.get(b)!);
  const rowOf = (u: number) => Array.from({ length: last.fanIn }, (_, j) => w[last.wOffset + u * last.fanIn + j]!);
  const first = rowOf(used[0]!);
  const shared = used.every((u) => rowOf(u).every((v, j) => v === first[j]));

  const xs = cert.input.data.x.map((row) => row.map(numberOf));
  const rows: { row: number; A: number[]; p: number; on: number }[] = xs.map((x, i) => {
    let h = x;
    for (let l = 0; l < depth - 1; l++) {
      const L = layout.layers[l]!;
      h = Array.from({ length: L.width }, (_, u) => {
        let z = w[L.bOffset + u]!;
        for (let j = 0; j < L.fanIn; j++) z += w[L.wOffset + u * L.fanIn + j]! * h[j]!;
        return sigma(z);
      });
    }
    const A = used.map((u) => {
      let z = w[last.bOffset + u]!;
      for (let j = 0; j < last.fanIn; j++) z += w[last.wOffset + u * last.fanIn + j]! * h[j]!;
      return sigma(z);
    });
    let p = 0;
    for (let j = 0; j < last.fanIn; j++) p += first[j]! * h[j]!;
    return { row: i + 1, A, p, on: A.filter((v) => v !== 0).length };
  });
  rows.sort((a, b) => (shared ? a.p - b.p : a.on - b.on) || a.row - b.row);
  return {
    A: rows.map((r) => r.A),
    ...(shared ? { p: rows.map((r) => r.p) } : {}),
    beta: used.map((u) => beta.get(u)!),
    rowOrder: rows.map((r) => r.row),
    units: used.length,
    width: last.width,
    depth,
  };
}

/** The scalars a deep network carries (Corollary 3.4): one column per stage, one value per data row. */
export interface CarriedScalars {
  /** the projection a·x, then the carrier's output after each hidden layer before the last */
  readonly columns: readonly { readonly label: string; readonly values: readonly number[] }[];
}

/**
 * The carried scalars at the certificate's point, by one forward pass in floating point: in each
 * hidden layer before the last exactly one unit has incoming weights (the carrier of Corollary
 * 3.4's construction); undefined for a shallow network, one without a point, or one that is not
 * built that way.
 */
export function carriedScalars(cert: Certificate): CarriedScalars | undefined {
  const model = cert.input.model;
  if (!isMlp(model) || model.hidden.length < 2 || !cert.point) return undefined;
  let layout;
  let sigma: (t: number) => number;
  try {
    layout = mlpLayout(cert.case.m, model.hidden, cert.case.k);
    sigma = compileActivation(model.activation).f;
  } catch {
    return undefined;
  }
  const w = cert.point.values;
  if (w === undefined || w.length !== layout.n) return undefined; // a streamed certificate carries generators, not the n numbers
  const carriers: number[] = [];
  for (let l = 0; l < model.hidden.length - 1; l++) {
    const L = layout.layers[l]!;
    const used = Array.from({ length: L.width }, (_, u) => u).filter((u) => Array.from({ length: L.fanIn }, (_, j) => w[L.wOffset + u * L.fanIn + j]!).some((v) => v !== 0));
    if (used.length !== 1) return undefined;
    carriers.push(used[0]!);
  }
  const xs = cert.input.data.x.map((row) => row.map(numberOf));
  const columns = [{ label: 'a·x', values: [] as number[] }, ...carriers.map((_, l) => ({ label: `layer ${l + 1}`, values: [] as number[] }))];
  for (const x of xs) {
    let h = x;
    carriers.forEach((c, l) => {
      const L = layout.layers[l]!;
      if (l === 0) {
        let t = 0;
        for (let j = 0; j < L.fanIn; j++) t += w[L.wOffset + c * L.fanIn + j]! * h[j]!;
        columns[0]!.values.push(t);
      }
      h = Array.from({ length: L.width }, (_, u) => {
        let z = w[L.bOffset + u]!;
        for (let j = 0; j < L.fanIn; j++) z += w[L.wOffset + u * L.fanIn + j]! * h[j]!;
        return sigma(z);
      });
      columns[l + 1]!.values.push(h[c]!);
    });
  }
  return columns.every((col) => col.values.every(Number.isFinite)) ? { columns } : undefined;
}
