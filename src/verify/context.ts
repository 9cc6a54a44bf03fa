/**
 * What the verifier establishes about a certificate's point, each fact computed once and from
 * the certificate's data only: the residual at the float point (exactly where it can be), the
 * Krawczyk test on the enclosure box, the exact rank of J at the point, the construction's
 * triangular block, the float singular values, and proofs of eigenvalue lower bounds.
 */
import { add as addIv, mul as mulIv, type Interval } from '../numeric/interval.js';
import { fromNumber, type Rational } from '../numeric/rational.js';
import { enclosed, exact, hSub, provenNonpositive, provenPositive, toFloat, toInterval, weaker, type HNum, type Known } from './hnum.js';
import { netOf, type Net } from './network.js';
import { exactRank, krawczyk, peelTriangular, provePositiveDefinite, symmetricEigenvaluesJacobi, type Entry } from './proofs.js';
import { NotACertificate, type ReadCertificate } from './read.js';

/** Rigor grades, strongest first (SPEC.md). */
export const RIGOR_ORDER = ['exact', 'symbolic', 'interval', 'cited', 'float'] as const;
export type Grade = (typeof RIGOR_ORDER)[number];

/** Whether grade a is at least as strong as b. */
export const atLeast = (a: string, b: string): boolean => RIGOR_ORDER.indexOf(a as Grade) <= RIGOR_ORDER.indexOf(b as Grade);
/** The weaker of grades. */
export const weakest = (...gs: string[]): Grade => RIGOR_ORDER[Math.max(...gs.map((g) => RIGOR_ORDER.indexOf(g as Grade)))]!;

/** A proven fact, or why not. */
export type Fact<T> = ({ readonly ok: true; readonly rigor: Grade } & T) | { readonly ok: false; readonly why: string };

/** Above this many exact multiply-adds (rows²·cols) the exact rank is not attempted. */
const EXACT_WORK = 4e6;
/** Above this many interval multiply-adds the full J·Jᵀ gives way to a block. */
const GRAM_WORK = 4e6;

export class Context {
  readonly net: Net;
  readonly d: number;
  readonly k: number;
  readonly dk: number;
  readonly n: number;
  readonly x: readonly (readonly HNum[])[];
  readonly y: readonly (readonly HNum[])[];
  /** the point's values as exact numbers */
  readonly w: readonly HNum[] | undefined;
  /** the enclosure as HNums (wide coordinates as intervals), and the wide coordinates */
  readonly box: readonly HNum[] | undefined;
  readonly wide: readonly number[];
  private readonly memo = new Map<string, unknown>();

  constructor(readonly cert: ReadCertificate) {
    const { json } = cert;
    this.d = cert.d;
    this.k = cert.k;
    this.dk = cert.d * cert.k;
    this.net = netOf(json.input.model, cert.m, cert.k);
    this.n = this.net.n;
    this.x = cert.x.map((row) => row.map((r) => exact(r)));
    this.y = cert.y.map((row) => row.map((r) => exact(r)));
    const p = json.point;
    if (p === null) {
      this.w = undefined;
      this.box = undefined;
      this.wide = [];
      return;
    }
    if (p.values.length !== this.n) throw new NotACertificate('point.values', `expected ${this.n} values for the model's parameters, got ${p.values.length}`);
    this.w = p.values.map((v) => exact(fromNumber(v)));
    if (p.enclosure === undefined) {
      this.box = undefined;
      this.wide = [];
      return;
    }
    if (p.enclosure.length !== this.n) throw new NotACertificate('point.enclosure', `expected ${this.n} intervals, got ${p.enclosure.length}`);
    const wide: number[] = [];
    this.box = p.enclosure.map(([lo, hi], j) => {
      if (!(lo <= hi) || !Number.isFinite(lo) || !Number.isFinite(hi)) throw new NotACertificate(`point.enclosure[${j}]`, `expected finite lo ≤ hi, got [${lo}, ${hi}]`);
      if (lo === hi) return exact(fromNumber(lo));
      wide.push(j);
      return enclosed({ lo, hi });
    });
    this.wide = wide;
  }

  private once<T>(key: string, f: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, f());
    return this.memo.get(key) as T;
  }

  /** F = f(w, xᵢ) − yᵢ for parameters w (sample-major). */
  residuals(w: readonly HNum[]): HNum[] {
    return this.x.flatMap((xi, i) => this.net.outputs(w, xi).map((f, o) => hSub(f, this.y[i]![o]!)));
  }

  /** J columns `cols` at w: (d·k) rows. */
  jacobian(w: readonly HNum[], cols: readonly number[]): HNum[][] {
    return this.x.flatMap((xi) => this.net.jacobian(w, xi, cols));
  }

  /** The residual at the float point: exactly zero (and how known), or an upper bound on max |Fᵣ|. */
  residualAtPoint(): { readonly exactZero: boolean; readonly known: Known; readonly maxAbs: number } | undefined {
    return this.once('residual', () => {
      if (this.w === undefined) return undefined;
      const F = this.residuals(this.w);
      let known: Known = 'exact';
      let exactZero = true;
      let maxAbs = 0;
      for (const f of F) {
        if (f.kind === 'exact' && f.r.num === 0n) known = weaker(known, f.known);
        else exactZero = false;
        const iv = toInterval(f);
        maxAbs = Math.max(maxAbs, Math.abs(iv.lo), Math.abs(iv.hi));
      }
      return { exactZero, known, maxAbs };
    });
  }

  /** The Krawczyk test on the enclosure box over its wide coordinates. */
  enclosure(): Fact<{ readonly contraction: number }> | undefined {
    return this.once('enclosure', () => {
      if (this.box === undefined || this.w === undefined) return undefined;
      const S = this.wide;
      if (S.length !== this.dk) {
        return { ok: false, why: `the enclosure has ${S.length} wide coordinates, and a square test needs d·k = ${this.dk}` };
      }
      const box = this.box;
      const X: Interval[] = S.map((j) => toInterval(box[j]!));
      const values = this.cert.json.point!.values;
      const c = S.map((j, s) => (values[j]! >= X[s]!.lo && values[j]! <= X[s]!.hi ? values[j]! : 0.5 * X[s]!.lo + 0.5 * X[s]!.hi));
      const atCentre = [...box];
      S.forEach((j, s) => (atCentre[j] = exact(fromNumber(c[s]!))));
      const g = this.residuals(atCentre).map(toInterval);
      const flat = (rows: HNum[][]): Interval[] => rows.flatMap((r) => r.map(toInterval));
      const t = krawczyk(X, c, g, flat(this.jacobian(box, S)), flat(this.jacobian(atCentre, S)));
      return t.ok ? { ok: true, rigor: 'interval', contraction: t.contraction } : { ok: false, why: t.why };
    });
  }

  /** rank J at the float point in exact arithmetic, when every entry of J is exact there. */
  exactRankAtPoint(): Fact<{ readonly rank: number }> | undefined {
    return this.once('exact-rank', () => {
      if (this.w === undefined) return undefined;
      if (this.dk * this.dk * this.n > EXACT_WORK) return { ok: false, why: 'too large for exact elimination' };
      const cols = Array.from({ length: this.n }, (_, j) => j);
      const J = this.jacobian(this.w, cols);
      let known: Known = 'exact';
      const rows: Rational[][] = [];
      for (const row of J) {
        const r: Rational[] = [];
        for (const e of row) {
          if (e.kind !== 'exact') return { ok: false, why: 'J has entries that are not rational at the point' };
          known = weaker(known, e.known);
          r.push(e.r);
        }
        rows.push(r);
      }
      return { ok: true, rigor: known, rank: exactRank(rows) };
    });
  }

  /**
   * The construction's argument, re-made: among the columns of J read by the output units
   * (hidden values, inputs of skip edges, output biases), d·k that form a triangular block with
   * a proven nonzero diagonal, over the enclosure box (or at the point). Entries of hidden units
   * are classified through their pre-activation z: z ≤ 0 makes σ(z) = 0 for a rectified σ,
   * z > 0 makes it positive where σ's positivity is known.
   */
  triangular(): Fact<{ readonly columns: readonly number[] }> | undefined {
    return this.once('triangular', () => {
      const w = this.box ?? this.w;
      const net = this.net;
      if (w === undefined || net.outputEdges === undefined || net.nodes === undefined || net.sigma === undefined) return undefined;
      const sigma = net.sigma;
      const positive = sigma.positive.verdict === 'holds' ? sigma.positive.rigor : undefined;
      const cols = [...net.outputEdges.map((e) => ({ param: e.param, output: e.output, src: e.src as number | undefined }))];
      // the output biases: ∂f_o/∂b_o = 1
      const biasNames = new Set(net.outputEdges.map((e) => e.output));
      const model = this.cert.json.input.model;
      for (const o of biasNames) {
        const name = model.kind === 'mlp' ? `b${model.hidden.length + 1}[${o}]` : model.kind === 'dag' ? `b[${model.outputs[o]}]` : undefined;
        const j = name === undefined ? -1 : net.names.indexOf(name);
        if (j >= 0) cols.push({ param: j, output: o, src: undefined });
      }
      const nodes = this.x.map((xi) => net.nodes!(w, xi));
      const m = this.cert.m;
      const classify = (row: number, c: number): Entry => {
        const i = Math.floor(row / this.k);
        const o = row % this.k;
        const col = cols[c]!;
        if (col.output !== o) return { kind: 'zero', rigor: 'exact' };
        if (col.src === undefined) return { kind: 'nonzero', rigor: 'exact' };
        const { h, z } = nodes[i]!;
        if (col.src < m) {
          const v = h[col.src]!;
          return v.kind === 'exact' ? { kind: v.r.num === 0n ? 'zero' : 'nonzero', rigor: v.known } : { kind: 'unknown' };
        }
        const zz = z[col.src]!;
        if (sigma.rectified) {
          const np = provenNonpositive(zz);
          if (np !== undefined) return { kind: 'zero', rigor: np };
          const pos = provenPositive(zz);
          if (pos !== undefined && positive !== undefined) return { kind: 'nonzero', rigor: weakest(pos, positive) };
        }
        const v = h[col.src]!;
        if (v.kind === 'exact') return { kind: v.r.num === 0n ? 'zero' : 'nonzero', rigor: v.known };
        return v.iv.lo > 0 || v.iv.hi < 0 ? { kind: 'nonzero', rigor: 'interval' } : { kind: 'unknown' };
      };
      const r = peelTriangular(this.dk, cols.length, classify);
      if (!r.ok) return { ok: false, why: `no triangular block with a proven diagonal among the ${cols.length} output-layer columns of J (${r.placed} of ${this.dk} rows placed)` };
      return { ok: true, rigor: weakest(...r.rigors), columns: r.columns.map((c) => cols[c]!.param) };
    });
  }

  /** Float singular values of J at the point (from the Gram matrix), descending. */
  singularValues(): number[] | undefined {
    return this.once('sv', () => {
      if (this.w === undefined) return undefined;
      const cols = Array.from({ length: this.n }, (_, j) => j);
      const J = this.jacobian(this.w, cols).map((r) => r.map(toFloat));
      const p = this.dk;
      const G: number[] = new Array<number>(p * p).fill(0);
      for (let a = 0; a < p; a++) for (let b = 0; b <= a; b++) {
        let s = 0;
        for (let j = 0; j < this.n; j++) s += J[a]![j]! * J[b]![j]!;
        G[a * p + b] = s;
        G[b * p + a] = s;
      }
      return symmetricEigenvaluesJacobi(G, p).map((l) => Math.sqrt(Math.max(0, l))).reverse();
    });
  }

  /**
   * Whether λ_min(J Jᵀ) > mu is proven for every w in the box (or at the point): interval
   * Cholesky of G − μI with G = J Jᵀ, or G = J_S J_Sᵀ ⪯ J Jᵀ for a block S of d·k columns when
   * the full product is too large.
   */
  gramAbove(mu: number): Fact<{ readonly matrix: string }> {
    const w = this.box ?? this.w;
    if (w === undefined) return { ok: false, why: 'no point' };
    const p = this.dk;
    let cols: readonly number[];
    let what: string;
    if (p * p * this.n <= GRAM_WORK) {
      cols = Array.from({ length: this.n }, (_, j) => j);
      what = 'J Jᵀ';
    } else {
      const tri = this.triangular();
      const S = this.wide.length === p ? this.wide : tri?.ok ? tri.columns : undefined;
      if (S === undefined) return { ok: false, why: 'J is too large for J Jᵀ and no block of d·k columns is known' };
      cols = S;
      what = 'J_S J_Sᵀ';
    }
    const J = this.jacobian(w, cols).map((r) => r.map(toInterval));
    // G = J Jᵀ column by column over the nonzero entries
    const G: Interval[] = new Array<Interval>(p * p).fill({ lo: 0, hi: 0 });
    const nz: number[][] = cols.map((_, c) => J.flatMap((r, a) => (r[c]!.lo === 0 && r[c]!.hi === 0 ? [] : [a])));
    nz.forEach((rows, c) => {
      for (const a of rows) for (const b of rows) if (b <= a) G[a * p + b] = addIv(G[a * p + b]!, mulIv(J[a]![c]!, J[b]![c]!));
    });
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) G[b * p + a] = G[a * p + b]!;
    return provePositiveDefinite(G, p, mu) ? { ok: true, rigor: 'interval', matrix: what } : { ok: false, why: `interval Cholesky of ${what} − μI fails for μ = ${mu}` };
  }
}

