/**
 * Which pictures a step's evidence gets, chosen by what its data carry, so that any theorem
 * module's steps get them:
 *
 * - `eigenvalues` (in the data or one record down) → the spectrum on a log scale, with `tol`;
 * - `positive` / `zero` / `negative` counts and no eigenvalues → the counts by sign;
 * - `singularValues` → the singular values on a log scale, with `tol`;
 * - `diagonal` with `zerosAboveDiagonal` → the triangular block A as a heat map;
 * - `biases` → the number line of the scalars pᵢ and biases βⱼ;
 * - `t` with arrays of the same length → a line plot of each against t;
 * - `layers` of records with a `separation` (Corollary 3.4) → the scalars carried layer by layer.
 *
 * The pᵢ and βⱼ come from the step's own lists when they are whole (small d), else from the
 * certificate's point when the network is layered (step data keep only samples of long lists);
 * A comes from the point, or, for a graph network, is the sign pattern the step proves.
 */
import type { Certificate } from '../proof/certificate.js';
import type { StepResult, TheoremResult } from '../proof/types.js';
import { countsSvg } from '../render/svg/counts.js';
import { heatmapSvg, type Cell } from '../render/svg/heatmap.js';
import { linePlotSvg, type Series } from '../render/svg/line-plot.js';
import { numberLineSvg } from '../render/svg/number-line.js';
import { classify, spectrumSvg } from '../render/svg/spectrum.js';
import type { LastLayer } from './network.js';
import { carriedScalars, numberOf } from './network.js';
import { carriedSvg, smallestGapRatio } from '../render/svg/carried.js';
import { num } from '../render/svg/primitives.js';
import { networkSvg } from '../render/svg/network.js';
import { scatterSvg } from '../render/svg/scatter.js';
import { compileActivation } from '../models/activation.js';
import type { ActivationSpec } from '../cases/types.js';

export interface Figure {
  /** what kind of picture, for anchors and tests */
  readonly kind: 'spectrum' | 'counts' | 'singular-values' | 'triangular-block' | 'number-line' | 'line-plot' | 'activation' | 'data' | 'network' | 'carried-scalars' | 'walk';
  readonly title: string;
  /** how to read it, and where its numbers come from */
  readonly caption: string;
  readonly svg: string;
}

export interface FigureContext {
  readonly cert: Certificate;
  readonly theorem: TheoremResult;
  /** the last hidden layer at the certificate's point (computed once per page) */
  readonly lastLayer: () => LastLayer | undefined;
  /** draw σ on a step that names it even without a witness (the overview passes this) */
  readonly plainSigma?: boolean;
}

type Rec = { readonly [key: string]: unknown };
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A list of finite numbers (numbers or exact strings), or undefined if any entry is not one (e.g. a sample's "…"). */
function numbers(v: unknown): number[] | undefined {
  if (!Array.isArray(v) || v.length === 0) return undefined;
  const out = v.map(numberOf);
  return out.every(Number.isFinite) ? out : undefined;
}

/** The data and its record-valued entries, where pictures look for their keys. */
function scopes(data: Rec): Rec[] {
  return [data, ...Object.values(data).filter(isRec)];
}

const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);

function spectrumFigure(step: StepResult): Figure | undefined {
  for (const rec of scopes(step.data)) {
    const values = numbers(rec.eigenvalues);
    if (!values) continue;
    const tol = typeof rec.tol === 'number' ? rec.tol : undefined;
    const c = classify(values, tol ?? 0);
    return {
      kind: 'spectrum',
      title: 'Hessian spectrum at the point',
      caption:
        `All ${values.length} eigenvalues of ∇²L at the point, computed in floating point, by size on a log scale: ` +
        `${c.positive} positive, ${c.zero} zero within the tolerance${tol !== undefined ? ` ${num(tol)}` : ''}, ${c.negative} negative. ` +
        'Proposition 2.3 predicts d·k positive and n − d·k zero eigenvalues at a transversal point of M: the gap between the two groups is the picture of that claim.',
      svg: spectrumSvg({ values, ...(tol !== undefined ? { tol } : {}), what: 'eigenvalues of ∇²L' }),
    };
  }
  return undefined;
}

/**
 * The step's value of the smallest positive eigenvalue, and whether it is a proven lower bound:
 * only when the step says its bound is rigorous (`rigorousBound`, absent meaning yes) and is not
 * graded float; any other value is an estimate and is drawn as one.
 */
function smallestPositive(step: StepResult): { value: number; proven: boolean } | undefined {
  const d = step.data;
  const bound = d.minPositiveEigenvalueLowerBound;
  const estimate = d.minPositiveEigenvalueEstimate;
  if (typeof bound === 'number' && Number.isFinite(bound)) return { value: bound, proven: d.rigorousBound !== false && step.rigor !== 'float' };
  if (typeof estimate === 'number' && Number.isFinite(estimate)) return { value: estimate, proven: false };
  return undefined;
}

function countsFigure(step: StepResult): Figure | undefined {
  const d = step.data;
  const positive = count(d.positive);
  const zero = count(d.zero);
  const negative = count(d.negative) ?? 0;
  if (positive === undefined || zero === undefined) return undefined;
  const minPositive = smallestPositive(step);
  return {
    kind: 'counts',
    title: 'Hessian eigenvalues by sign',
    caption:
      `The ${positive + zero + negative} eigenvalues of ∇²L at the point, counted without computing them: on M, ∇²L is a positive ` +
      `multiple of JᵀJ, whose rank is rank J = ${positive}, so ${positive} are positive and ${zero} are zero.` +
      (minPositive === undefined
        ? ''
        : minPositive.proven
          ? ` The smallest positive one is at least ${num(minPositive.value, 4)}, from a bound on the triangular block A.`
          : ` The smallest positive one is about ${num(minPositive.value, 4)}: a floating-point estimate, not a proven bound (the rigorous bound on A did not come out positive).`),
    svg: countsSvg({ positive, zero, negative, ...(minPositive !== undefined ? { minPositive } : {}) }),
  };
}

function singularValuesFigure(step: StepResult): Figure | undefined {
  const values = numbers(step.data.singularValues);
  if (!values) return undefined;
  const tol = typeof step.data.tol === 'number' ? step.data.tol : undefined;
  return {
    kind: 'singular-values',
    title: 'Singular values of J',
    caption:
      `The ${values.length} singular values of the Jacobian J at the point, in floating point, on a log scale. ` +
      `Those above the tolerance${tol !== undefined ? ` ${num(tol)}` : ''} count towards the rank.`,
    svg: spectrumSvg({ values, ...(tol !== undefined ? { tol } : {}), what: 'singular values of J' }),
  };
}

/** The block A: from the point when the network is layered, else the pattern the step data prove. */
function triangularFigure(step: StepResult, ctx: FigureContext): Figure | undefined {
  const d = step.data;
  const zeros = count(d.zerosAboveDiagonal);
  const size = count(d.d) ?? (Array.isArray(d.diagonal) ? d.diagonal.length : undefined);
  if (zeros === undefined || size === undefined || size < 1) return undefined;
  const net = ctx.lastLayer();
  const common =
    `Row i is data point i in increasing order of its scalar pᵢ, column j is hidden unit j in increasing order of its bias βⱼ. ` +
    `Above the diagonal every entry is exactly 0 (${zeros} of them: pᵢ ≤ βⱼ and σ vanishes on t ≤ 0); on the diagonal every entry is positive. ` +
    'That sign pattern alone makes A invertible.';
  if (net && net.units === size && net.A.length === size) {
    return {
      kind: 'triangular-block',
      title: `The triangular block A (${size} × ${size})`,
      caption: `${common} The entries are evaluated in floating point from the certificate's point for this picture; the proof uses only their signs.`,
      svg: heatmapSvg({ rows: net.A, title: `A, ${size} × ${size}: lower triangular with a positive diagonal`, rowLabel: 'data point i', colLabel: 'hidden unit j →' }),
    };
  }
  const diagonal = numbers(d.diagonal);
  if (!diagonal || diagonal.length !== size) return undefined;
  const rows: Cell[][] = Array.from({ length: size }, (_, i) => Array.from({ length: size }, (_, j) => (j > i ? 0 : j === i ? diagonal[i]! : null)));
  return {
    kind: 'triangular-block',
    title: `The triangular block A (${size} × ${size})`,
    caption: `${common} The diagonal values are the step's; the entries below it are positive too and were never computed.`,
    svg: heatmapSvg({ rows, title: `A, ${size} × ${size}: lower triangular with a positive diagonal`, rowLabel: 'data point i', colLabel: 'hidden unit j →' }),
  };
}

function numberLineFigure(step: StepResult, ctx: FigureContext): Figure | undefined {
  const biases = numbers(step.data.biases);
  if (!Array.isArray(step.data.biases)) return undefined;
  // The step's own lists when they are whole (small d), else the point's, else Lemma 3.3's exact projections.
  const sources: (() => { p?: readonly number[]; beta?: readonly number[]; source: string } | undefined)[] = [
    () => ({ p: numbers(step.data.projections), beta: biases, source: "the step's own scalars and biases" }),
    () => {
      const net = ctx.lastLayer();
      return net?.p && { p: net.p, beta: net.beta, source: "read off the certificate's point (one forward pass in floating point)" };
    },
    () => {
      const weight = step.data.lastWeight;
      if (weight !== undefined && weight !== 1) return undefined;
      const projections = ctx.theorem.steps.find((s) => Array.isArray(s.data.tSorted))?.data.tSorted;
      return { p: numbers(projections), beta: biases, source: "the exact projections of Lemma 3.3 and the step's biases" };
    },
  ];
  for (const source of sources) {
    const found = source();
    if (!found?.p || !found.beta || found.p.length !== found.beta.length) continue;
    const { p, beta } = found;
    return {
      kind: 'number-line',
      title: 'Projections and biases',
      caption:
        `The ${p.length} scalars pᵢ the last hidden layer sees (dots) and the biases βⱼ of its units (ticks), ${found.source}. ` +
        'Each βⱼ sits just left of pⱼ and at or right of p_{j−1}: unit j is off (σ = 0) for the points left of βⱼ and on for pⱼ and beyond.',
      svg: numberLineSvg({ p, beta }),
    };
  }
  return undefined;
}

const SERIES_NAMES: Readonly<Record<string, string>> = {
  loss: 'this loss along the line',
  square: 'Σ fᵢ² along the same line',
};

function linePlotFigure(step: StepResult): Figure | undefined {
  const t = numbers(step.data.t);
  if (!t || t.length < 3) return undefined;
  const series: Series[] = [];
  for (const [key, v] of Object.entries(step.data)) {
    if (key === 't') continue;
    const y = numbers(v);
    if (y && y.length === t.length) series.push({ name: SERIES_NAMES[key] ?? key, y });
  }
  if (series.length === 0) return undefined;
  return {
    kind: 'line-plot',
    title: 'Along a line through the point',
    caption:
      `${series.map((s) => s.name).join(' and ')}, sampled at ${t.length} values of t` +
      (typeof step.data.direction === 'string' ? ` (direction: ${step.data.direction})` : '') +
      '. The shape at t = 0, where the line crosses M, is what the step measures.',
    svg: linePlotSvg({ x: t, series, xLabel: 't (the point is at t = 0)', title: `${series.map((s) => s.name).join(', ')} against t` }),
  };
}

/** The scalars a deep network carries, on a step that checks them layer by layer (`layers[].separation`). */
function carriedFigure(step: StepResult, ctx: FigureContext): Figure | undefined {
  const layers = step.data.layers;
  if (!Array.isArray(layers) || !layers.every((l) => isRec(l) && typeof l.separation === 'number')) return undefined;
  const carried = carriedScalars(ctx.cert);
  if (!carried) return undefined;
  const { columns } = carried;
  const d = columns[0]!.values.length;
  const least = Math.min(...columns.map((c) => smallestGapRatio(c.values)));
  return {
    kind: 'carried-scalars',
    title: 'The scalars carried through the layers',
    caption:
      `The projection a·x of each of the ${d} data points, then the value the carrier unit passes on after each of the ${columns.length - 1} hidden layer${columns.length === 2 ? '' : 's'} before the last, ` +
      `from one forward pass in floating point at the certificate's point. Corollary 3.4 needs them to stay distinct: no two dots on an axis meet ` +
      `(here the closest two are ${num(100 * least, 2)}% of their axis's span apart; the step proves its separations in interval arithmetic). ` +
      'Lines that cross mean σ reversed the order of two points, which a σ that is not monotone may do.',
    svg: carriedSvg({ columns, title: `Carried scalars of ${d} data points through ${columns.length - 1} layer${columns.length === 2 ? '' : 's'}` }),
  };
}

/** σ as the case defines it, evaluated in floating point for the picture; undefined for a model without one. */
function activationOf(cert: Certificate): { name: string; f: (t: number) => number } | undefined {
  const spec = (cert.input.model as { activation?: unknown } | null)?.activation;
  if (spec === undefined) return undefined;
  try {
    const a = compileActivation(spec as ActivationSpec);
    return { name: a.name, f: (t) => a.f(t) };
  } catch {
    return undefined;
  }
}

/**
 * σ on [−3, 3] (drawn at the step only when it has a witness), on a step whose data name the activation (`sigma`); a `witness` {t, value}
 * (a point where a hypothesis on σ fails) is marked and the range widened to hold it.
 */
function activationFigure(step: StepResult, ctx: FigureContext): Figure | undefined {
  if (typeof step.data.sigma !== 'string') return undefined;
  const a = activationOf(ctx.cert);
  if (!a) return undefined;
  const w = isRec(step.data.witness) ? step.data.witness : undefined;
  const wt = w ? numberOf(w.t) : Number.NaN;
  const wv = w ? numberOf(w.value) : Number.NaN;
  const witness = Number.isFinite(wt) && Number.isFinite(wv) ? { x: wt, y: wv } : undefined;
  // σ without a witness is drawn once, among the pictures of the case.
  if (!witness && !ctx.plainSigma) return undefined;
  const reach = Math.max(3, witness ? Math.abs(witness.x) * 1.5 : 0);
  const x = Array.from({ length: 121 }, (_, i) => -reach + (2 * reach * i) / 120);
  const y = x.map(a.f);
  if (!y.every(Number.isFinite)) return undefined;
  const label = witness ? `σ(${num(witness.x, 4)}) = ${num(witness.y, 3)}` : '';
  return {
    kind: 'activation',
    title: witness ? `The activation and the witness ${label}` : 'The activation σ',
    caption:
      `${step.data.sigma}, drawn in floating point on [${num(-reach)}, ${num(reach)}]. ` +
      (witness
        ? `The marked point is the step's witness: σ is not 0 there although t ≤ 0, which is what ${step.verdict === 'fails' ? 'makes this step fail' : 'the step reports'}.`
        : 'Lemma 3.3 needs σ = 0 for t ≤ 0 and σ > 0 for t > 0.'),
    svg: linePlotSvg({ x, series: [{ name: `σ(t), ${a.name}`, y }], xLabel: 't', title: `σ(t) = ${a.name}`, ...(witness ? { marks: [{ ...witness, label }] } : {}) }),
  };
}

/** Pictures of the case itself, from its input: the data, and the layered network. */
export function overviewFigures(cert: Certificate): Figure[] {
  const out: Figure[] = [];
  const x = cert.input.data.x.map((r) => r.map(numberOf));
  const y = cert.input.data.y.map((v) => numberOf(Array.isArray(v) ? v[0] ?? Number.NaN : v));
  const { d, m, k } = cert.case;
  if (d > 0 && x.every((r) => r.every(Number.isFinite)) && y.every(Number.isFinite)) {
    out.push({
      kind: 'data',
      title: 'The data',
      caption:
        m === 1
          ? `The ${d} data points: target y against input x.`
          : `The ${d} data points in the plane of the first two of their ${m} coordinates, coloured by ${k === 1 ? 'the' : 'the first'} target (dark low, yellow high).`,
      svg: scatterSvg({ x, y, title: `The ${d} data points` }),
    });
  }
  const sigma = activationOf(cert);
  if (sigma) {
    // The words a step uses for σ when one names it, drawn without any step's witness.
    const named = cert.results.flatMap((r) => r.steps).map((s) => s.data.sigma).find((v) => typeof v === 'string');
    const step = { id: 'sigma', verdict: 'holds', rigor: 'exact', summary: '', ms: 0, data: { sigma: named ?? `σ = ${sigma.name}` } } as unknown as StepResult;
    const plain = activationFigure(step, { cert, theorem: cert.results[0]!, lastLayer: () => undefined, plainSigma: true });
    if (plain) out.push(plain);
  }
  const model = cert.input.model as { kind?: unknown; hidden?: unknown } | null;
  if (model?.kind === 'mlp' && Array.isArray(model.hidden)) {
    const hidden = model.hidden as number[];
    const a = activationOf(cert);
    out.push({
      kind: 'network',
      title: 'The network',
      caption: `A layered network: ${m} input${m === 1 ? '' : 's'}, hidden layers of width ${hidden.join(', ')}${a ? ` with σ = ${a.name}` : ''}, ${k} linear output${k === 1 ? '' : 's'}; n = ${cert.case.n} parameters in all.`,
      svg: networkSvg({ widths: [m, ...hidden, k], activation: a?.name ?? '', title: `Layers ${[m, ...hidden, k].join(' → ')}` }),
    });
  }
  return out;
}

/** The pictures for one step of one theorem. */
export function figuresOf(step: StepResult, ctx: FigureContext): Figure[] {
  if (step.verdict === 'skipped') return [];
  const spectrum = spectrumFigure(step);
  const found = [
    spectrum,
    spectrum ? undefined : countsFigure(step),
    singularValuesFigure(step),
    triangularFigure(step, ctx),
    numberLineFigure(step, ctx),
    linePlotFigure(step),
    carriedFigure(step, ctx),
    activationFigure(step, ctx),
  ];
  return found.filter((f): f is Figure => f !== undefined);
}
