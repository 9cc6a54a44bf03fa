/**
 * What the verifier establishes about a certificate's point, each fact computed once and from
 * the certificate's data only: the residual at the float point (exactly where it can be), the
 * Krawczyk test on the enclosure box, the exact rank of J at the point, the construction's
 * triangular block, the float singular values, and proofs of eigenvalue lower bounds.
 */
import { add as addIv, mul as mulIv, nextDown, nextUp, sub as subIv, type Interval } from '../interval.js';
import { fromNumber, type Rational } from '../rational.js';
import { enclosed, exact, hSub, provenNonpositive, provenPositive, toFloat, toInterval, weaker, type HNum, type Known } from './hnum.js';
import { netOf, type Net } from './network.js';
import { fromRationalP, pSub, toFloatInterval, withPrecision } from './precise.js';
import { exactRank, invert, krawczyk, peelTriangular, provePositiveDefinite, symmetricEigenvaluesJacobi, type Entry } from './proofs.js';
import { NotACertificate, type ReadCertificate } from './read.js';
import { featureGramFact, featureRouteApplies, type FeatureFact } from './feature-gram.js';

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
/**
 * Above this many multiply-adds ((d·k)²·n, the Gram matrix of the whole J) the float singular
 * values are not re-computed: they can only ever confirm float evidence, which grants nothing,
 * and at d = 1,797, n = 118,603 they would take minutes and gigabytes.
 */
export const FLOAT_SV_WORK = 2e8;

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

  /**
   * F at an exact point, each residual enclosed to about PREC bits and then by its tightest
   * float interval; undefined where the net has no precise evaluation.
   */
  preciseResiduals(w: readonly HNum[]): Interval[] | undefined {
    const precise = this.net.precise;
    if (precise === undefined || w.some((v) => v.kind !== 'exact')) return undefined;
    const wr = w.map((v) => (v as { r: Rational }).r);
    const out: Interval[] = [];
    for (let i = 0; i < this.d; i++) {
      const f = precise(wr, this.cert.x[i]!);
      if (f === undefined) return undefined;
      f.outputs.forEach((fo, o) => out.push(toFloatInterval(pSub(fo, fromRationalP(this.cert.y[i]![o]!)))));
    }
    return out;
  }

  /** J columns `cols` at w: (d·k) rows. */
  jacobian(w: readonly HNum[], cols: readonly number[]): HNum[][] {
    return this.x.flatMap((xi) => this.net.jacobian(w, xi, cols));
  }

  /** The residual at the float point: exactly zero (and how known), or an upper bound on max |Fᵣ|. */
  residualAtPoint(): { readonly exactZero: boolean; readonly known: Known; readonly maxAbs: number; readonly provenNonzero: boolean } | undefined {
    return this.once('residual', () => {
      if (this.w === undefined) return undefined;
      const F = this.residuals(this.w);
      let known: Known = 'exact';
      let exactZero = true;
      let maxAbs = 0;
      let provenNonzero = false;
      for (const f of F) {
        if (f.kind === 'exact' && f.r.num === 0n) known = weaker(known, f.known);
        else exactZero = false;
        const iv = toInterval(f);
        if (iv.lo > 0 || iv.hi < 0) provenNonzero = true;
        maxAbs = Math.max(maxAbs, Math.abs(iv.lo), Math.abs(iv.hi));
      }
      return { exactZero, known, maxAbs, provenNonzero };
    });
  }

  /**
   * The output-weight solve (feature-gram.ts), when the box is wide only in an mlp's output
   * layer: undefined where that route does not apply.
   */
  featureGram(): FeatureFact | undefined {
    return this.once('feature-gram', () => {
      const model = this.cert.json.input.model;
      const p = this.cert.json.point;
      if (model.kind !== 'mlp' || p === null || p.enclosure === undefined || this.net.sigma === undefined) return undefined;
      if (!featureRouteApplies(this.cert.m, model.hidden, this.k, this.n, this.wide)) return undefined;
      return featureGramFact({
        m: this.cert.m,
        k: this.k,
        hidden: model.hidden,
        sigma: this.net.sigma,
        at: p.enclosure.map(([lo]) => lo),
        centre: p.values,
        box: p.enclosure,
        x: this.cert.x,
        y: this.cert.y,
      });
    });
  }

  /** The Krawczyk test on the enclosure box over its wide coordinates (or the output-weight solve). */
  enclosure(): Fact<{ readonly contraction: number; readonly how: string }> | undefined {
    return this.once('enclosure', () => {
      if (this.box === undefined || this.w === undefined) return undefined;
      const fg = this.featureGram();
      if (fg?.ok) {
        return { ok: true, rigor: 'interval', contraction: 0, how: `the output-weight solve: λ_min(ΦΦᵀ) ≥ ${fg.mu.toPrecision(4)} for the last hidden layer's features Φ, and the minimum-norm zero lies within ${fg.move.toExponential(2)} of the point, inside the box` };
      }
      const S = this.wide;
      // a box wide in all of an mlp's output weights (h + 1 = d aside) is the output-weight solve's alone
      if (fg !== undefined && S.length !== this.dk) return { ok: false, why: fg.why };
      if (S.length !== this.dk) {
        return { ok: false, why: `the enclosure has ${S.length} wide coordinates, and a square test needs d·k = ${this.dk}` };
      }
      const box = this.box;
      const X: Interval[] = S.map((j) => toInterval(box[j]!));
      const values = this.cert.json.point!.values;
      const c = S.map((j, s) => (values[j]! >= X[s]!.lo && values[j]! <= X[s]!.hi ? values[j]! : 0.5 * X[s]!.lo + 0.5 * X[s]!.hi));
      const atCentre = [...box];
      S.forEach((j, s) => (atCentre[j] = exact(fromNumber(c[s]!))));
      // F at the centre: tight enclosures (64 bits, more if the box needs them) where σ allows
      const tight = (bits: number): Interval[] | undefined => withPrecision(bits, () => this.preciseResiduals(atCentre));
      const g = tight(64) ?? this.residuals(atCentre).map(toInterval);
      const flat = (rows: HNum[][]): Interval[] => rows.flatMap((r) => r.map(toInterval));
      // F affine in the wide coordinates (the construction's output weights): enclose the zero
      // directly, componentwise; otherwise the Krawczyk test.
      if (this.affineInWide()) {
        let a = this.affineEnclosure(X, c, g);
        for (const bits of [128, 256]) {
          if (a.ok) break;
          const finer = tight(bits);
          if (finer === undefined) break;
          a = this.affineEnclosure(X, c, finer);
        }
        return a.ok ? { ...a, how: 'F is affine in the wide coordinates: u* = c − A⁻¹F(c), enclosed componentwise' } : a;
      }
      const t = krawczyk(X, c, g, flat(this.jacobian(box, S)), flat(this.jacobian(atCentre, S)));
      return t.ok ? { ok: true, rigor: 'interval', contraction: t.contraction, how: 'the Krawczyk test' } : { ok: false, why: t.why };
    });
  }

  /** The wide coordinates are all output-layer parameters: F is affine in them on the box. */
  private affineInWide(): boolean {
    const net = this.net;
    if (net.outputEdges === undefined) return false;
    const out = new Set(net.outputEdges.map((e) => e.param));
    const model = this.cert.json.input.model;
    for (let o = 0; o < this.k; o++) {
      const name = model.kind === 'mlp' ? `b${model.hidden.length + 1}[${o}]` : model.kind === 'dag' ? `b[${model.outputs[o]}]` : '';
      const j = net.names.indexOf(name);
      if (j >= 0) out.add(j);
    }
    return this.wide.every((j) => out.has(j));
  }

  /**
   * The block A = J_S over the box (or at the point), a float C ≈ A⁻¹, and M = I − C·A as
   * magnitudes |M| (rounded up by interval arithmetic), with ‖M‖∞ and ‖M‖_F bounded above.
   * Shared by the enclosure and the σ_min bound.
   */
  private preconditioned(S: readonly number[]): Preconditioned | undefined {
    return this.once(`pre:${S.join(',')}`, () => {
      const w = this.box ?? this.w;
      if (w === undefined) return undefined;
      const p = S.length;
      const A = this.jacobian(w, S).flatMap((r) => r.map(toInterval));
      const C = invert(A.map((v) => 0.5 * v.lo + 0.5 * v.hi), p);
      if (C === undefined) return undefined;
      const ZERO: Interval = { lo: 0, hi: 0 };
      const Mabs: number[][] = [];
      let inf = 0;
      let frob = 0;
      for (let i = 0; i < p; i++) {
        const row = new Array<Interval>(p).fill(ZERO);
        row[i] = { lo: 1, hi: 1 };
        for (let l = 0; l < p; l++) {
          const cil = C[i * p + l]!;
          if (cil === 0) continue;
          const ci = { lo: cil, hi: cil };
          for (let j = 0; j < p; j++) {
            const a = A[l * p + j]!;
            if (a.lo !== 0 || a.hi !== 0) row[j] = subIv(row[j]!, mulIv(ci, a));
          }
        }
        const mrow = row.map((m) => Math.max(Math.abs(m.lo), Math.abs(m.hi)));
        Mabs.push(mrow);
        inf = Math.max(inf, upSum(mrow));
        for (const x of mrow) if (x !== 0) frob = nextUp(frob + upMul(x, x));
      }
      return { A, C, Mabs, inf, frob: nextUp(Math.sqrt(frob)) };
    });
  }

  /**
   * Where F is affine in the wide coordinates, F(u) = F(c) + A·(u − c) with A = J_S the same
   * on the whole box, and the one zero is u* = c − e with A·e = F(c). With C ≈ A⁻¹ and
   * M = I − C·A, e = C·F(c) + M·e; a vector ē ≥ 0 with |C·F(c)| + |M|·ē ≤ ē and ‖M‖∞ < 1
   * bounds |e| ≤ ē (the iteration from 0 stays below ē and converges to e), so
   * u* ∈ c − C·F(c) ± |M|·ē, checked inside the box. Componentwise, so exact zeros of a
   * triangular A keep the tiny coordinates of the box tiny.
   */
  private affineEnclosure(X: readonly Interval[], c: readonly number[], g: readonly Interval[]): Fact<{ readonly contraction: number }> {
    const p = X.length;
    const pre = this.preconditioned(this.wide);
    if (pre === undefined) return { ok: false, why: 'the block J_S is singular to working precision' };
    const { C, Mabs, inf: contraction } = pre;
    const mag = (v: Interval): number => Math.max(Math.abs(v.lo), Math.abs(v.hi));
    // C·F(c)
    const Cg: Interval[] = [];
    for (let i = 0; i < p; i++) {
      let s: Interval = { lo: 0, hi: 0 };
      for (let l = 0; l < p; l++) {
        const cil = C[i * p + l]!;
        if (cil !== 0) s = addIv(s, mulIv({ lo: cil, hi: cil }, g[l]!));
      }
      Cg.push(s);
    }
    if (!(contraction < 0.999)) return { ok: false, why: `‖I − C·J_S‖∞ ≤ ${contraction.toPrecision(3)} is not below 1` };
    const base = Cg.map(mag);
    const apply = (e: readonly number[]): number[] => base.map((b, i) => upSum([b, ...Mabs[i]!.map((m, j) => (m === 0 || e[j] === 0 ? 0 : upMul(m, e[j]!)))]));
    let e = base;
    for (let it = 0; it < 3; it++) e = apply(e).map((v) => (v === 0 ? 0 : nextUp(v * (1 + 1e-6))));
    const check = apply(e);
    if (check.some((v, i) => !(v <= e[i]!))) return { ok: false, why: 'the componentwise bound on A⁻¹F(c) does not close' };
    for (let i = 0; i < p; i++) {
      const spread = upSum(Mabs[i]!.map((m, j) => (m === 0 || e[j] === 0 ? 0 : upMul(m, e[j]!))));
      const u = subIv(subIv({ lo: c[i]!, hi: c[i]! }, Cg[i]!), { lo: -spread, hi: spread });
      if (!(u.lo >= X[i]!.lo && u.hi <= X[i]!.hi)) {
        return { ok: false, why: `the zero, enclosed in [${u.lo}, ${u.hi}], is not inside [${X[i]!.lo}, ${X[i]!.hi}] (${this.net.names[this.wide[i]!]})` };
      }
    }
    return { ok: true, rigor: 'interval', contraction };
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

  /** Float singular values of J at the point (from the Gram matrix), descending; undefined above FLOAT_SV_WORK. */
  singularValues(): number[] | undefined {
    return this.once('sv', () => {
      if (this.w === undefined || this.dk * this.dk * this.n > FLOAT_SV_WORK) return undefined;
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
   * A proven lower bound on σ_min(J_S) over the box (or at the point) for d·k columns S:
   * with C ≈ J_S⁻¹ and M = I − C·J_S, J_S⁻¹ = (C·J_S)⁻¹·C gives ‖J_S⁻¹‖₂ ≤ ‖C‖₂/(1 − ‖M‖_F);
   * ‖C‖₂² ≤ τ is proven by interval Cholesky of τI − CᵀC, τ a little above the power-iteration
   * estimate of λ_max(CᵀC).
   */
  sigmaMinLower(S: readonly number[]): number | undefined {
    return this.once(`sigma-min:${S.join(',')}`, () => this.sigmaMinLowerUncached(S));
  }

  private sigmaMinLowerUncached(S: readonly number[]): number | undefined {
    if (S.length !== this.dk) return undefined;
    const p = this.dk;
    const pre = this.preconditioned(S);
    if (pre === undefined) return undefined;
    const { C } = pre;
    const q = pre.frob;
    if (!(q < 1)) return undefined;
    // P = CᵀC in float, enclosed by Higham's bound |fl(CᵀC) − CᵀC| ≤ γ_{p}·|C|ᵀ|C| (plus the
    // subnormal range), γ_p = p·u/(1 − p·u), u = 2⁻⁵³
    const Pf = new Float64Array(p * p);
    const Pa = new Float64Array(p * p);
    for (let l = 0; l < p; l++) {
      const nz: number[] = [];
      for (let j = 0; j < p; j++) if (C[l * p + j] !== 0) nz.push(j);
      for (const a of nz) {
        const ca = C[l * p + a]!;
        for (const b of nz) {
          if (b > a) continue;
          const cb = C[l * p + b]!;
          Pf[a * p + b]! += ca * cb;
          Pa[a * p + b]! += Math.abs(ca * cb);
        }
      }
    }
    const u = 2 ** -53;
    const gamma = ((p + 2) * u) / (1 - (p + 2) * u);
    const P: Interval[] = new Array<Interval>(p * p);
    for (let a = 0; a < p; a++) {
      for (let b = 0; b <= a; b++) {
        const v = Pf[a * p + b]!;
        // no product met this entry: it is exactly 0 (and keeps the block structure for Cholesky)
        const r = Pa[a * p + b] === 0 ? 0 : nextUp(nextUp(gamma * Pa[a * p + b]!) * (1 + 4 * u) + (p + 2) * Number.MIN_VALUE);
        const iv = r === 0 ? { lo: 0, hi: 0 } : { lo: nextDown(v - r), hi: nextUp(v + r) };
        P[a * p + b] = iv;
        P[b * p + a] = iv;
      }
    }
    // λ_max(P) by power iteration on v ↦ Cᵀ(C v) (float), then proven above by Cholesky of τI − P
    const rows: [number, number][][] = Array.from({ length: p }, (_, l) => {
      const r: [number, number][] = [];
      for (let j = 0; j < p; j++) if (C[l * p + j] !== 0) r.push([j, C[l * p + j]!]);
      return r;
    });
    let v = new Array<number>(p).fill(1 / Math.sqrt(p));
    let est = 0;
    for (let it = 0; it < 300; it++) {
      const cv = rows.map((r) => r.reduce((t, [j, x]) => t + x * v[j]!, 0));
      const u = new Array<number>(p).fill(0);
      rows.forEach((r, l) => {
        for (const [j, x] of r) u[j]! += x * cv[l]!;
      });
      const norm = Math.sqrt(u.reduce((t, x) => t + x * x, 0));
      if (!(norm > 0)) break;
      const done = Math.abs(norm - est) <= 1e-9 * norm;
      est = norm;
      v = u.map((x) => x / norm);
      if (done) break;
    }
    const negP = P.map((x) => ({ lo: -x.hi, hi: -x.lo }));
    for (const factor of [1.02, 1.3, 3]) {
      const tau = est * factor + Number.MIN_VALUE;
      if (provePositiveDefinite(negP, p, -tau)) {
        // σ_min ≥ (1 − q)/√τ, rounded down
        const r = (1 - q) / Math.sqrt(tau);
        return r * (1 - 4 * Number.EPSILON);
      }
    }
    return undefined;
  }

  /**
   * Whether λ_min(J Jᵀ) > mu is proven for every w in the box (or at the point): interval
   * Cholesky of J Jᵀ − μI where that is small, else σ_min(J_S)² > μ for a block S of d·k
   * columns (J Jᵀ ⪰ J_S J_Sᵀ).
   */
  gramAbove(mu: number): Fact<{ readonly matrix: string }> {
    return this.once(`gram-above:${mu}`, () => this.gramAboveUncached(mu));
  }

  private gramAboveUncached(mu: number): Fact<{ readonly matrix: string }> {
    const w = this.box ?? this.w;
    if (w === undefined) return { ok: false, why: 'no point' };
    // J Jᵀ ⪰ I_k ⊗ ΦΦᵀ: the output-weight columns alone bound it
    const fg = this.featureGram();
    if (fg?.ok && fg.above(mu)) return { ok: true, rigor: 'interval', matrix: 'I_k ⊗ ΦΦᵀ, the last hidden layer\'s feature Gram matrix (float Cholesky with proven error bounds)' };
    const p = this.dk;
    if (p * p * this.n <= GRAM_WORK) {
      const cols = Array.from({ length: this.n }, (_, j) => j);
      const J = this.jacobian(w, cols).map((r) => r.map(toInterval));
      const G: Interval[] = new Array<Interval>(p * p).fill({ lo: 0, hi: 0 });
      for (let c = 0; c < cols.length; c++) {
        const rows: number[] = [];
        for (let a = 0; a < p; a++) if (J[a]![c]!.lo !== 0 || J[a]![c]!.hi !== 0) rows.push(a);
        for (const a of rows) for (const b of rows) if (b <= a) G[a * p + b] = addIv(G[a * p + b]!, mulIv(J[a]![c]!, J[b]![c]!));
      }
      for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) G[b * p + a] = G[a * p + b]!;
      if (provePositiveDefinite(G, p, mu)) return { ok: true, rigor: 'interval', matrix: 'J Jᵀ (interval Cholesky)' };
    }
    const tri = this.triangular();
    const S = this.wide.length === p ? this.wide : tri?.ok ? tri.columns : undefined;
    if (S === undefined) return { ok: false, why: `λ_min(J Jᵀ) > ${mu} is not proven, and no block of d·k columns is known` };
    const sigma = this.sigmaMinLower(S);
    if (sigma !== undefined && sigma * sigma * (1 - 4 * Number.EPSILON) > mu) {
      return { ok: true, rigor: 'interval', matrix: `J_S J_Sᵀ, σ_min(J_S) ≥ ${sigma.toPrecision(6)} from a preconditioned norm bound` };
    }
    return { ok: false, why: `λ_min(J Jᵀ) > ${mu} is not proven${sigma === undefined ? '' : ` (σ_min(J_S) ≥ ${sigma.toPrecision(6)} only)`}` };
  }
}


/** A block of J, its float inverse and the magnitudes of I − C·J_S (see Context.preconditioned). */
interface Preconditioned {
  readonly A: readonly Interval[];
  readonly C: readonly number[];
  readonly Mabs: readonly (readonly number[])[];
  /** ≥ ‖I − C·A‖∞ */
  readonly inf: number;
  /** ≥ ‖I − C·A‖_F */
  readonly frob: number;
}

/** A float ≥ the exact sum of nonnegative floats (each addition stepped up). */
function upSum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) if (x !== 0) s = nextUp(s + x);
  return s;
}

/** A float ≥ a·b for a, b ≥ 0. */
const upMul = (a: number, b: number): number => nextUp(a * b);
