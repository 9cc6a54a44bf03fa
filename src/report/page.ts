/**
 * A report page as data: what the markdown and HTML renderers both show, built from the
 * certificate alone (plus the theorem registry's words: titles, statements, hypotheses, what each
 * step claims). The two renderers differ only in markup.
 */
import type { Theorem } from '../proof/types.js';
import type { Certificate } from '../proof/certificate.js';
import type { Json, StepResult, TheoremResult } from '../proof/types.js';
import { figuresOf, overviewFigures, type Figure } from './figures.js';
import { walkFigure } from './walk.js';
import { lastHiddenLayer, type LastLayer } from './network.js';
import { num } from '../render/svg/primitives.js';

export interface PageFigure {
  readonly anchor: string;
  readonly figure: Figure;
  /** the same picture was shown earlier on the page, under this anchor */
  readonly sameAs?: { readonly anchor: string; readonly where: string };
}

export interface PageStep {
  readonly result: StepResult;
  readonly title?: string;
  /** what the step claims and why, from the theorem module */
  readonly explain?: string;
  readonly figures: readonly PageFigure[];
  /** the evidence data as indented JSON, long strings and lists shortened; undefined when empty */
  readonly dataText?: string;
}

export interface PageTheorem {
  readonly result: TheoremResult;
  readonly anchor: string;
  readonly title: string;
  readonly statement: string;
  readonly hypotheses: readonly string[];
  readonly steps: readonly PageStep[];
  /** for a theorem that fails or is inconclusive: the first step that failed (or was undecided) */
  readonly decidedBy?: { readonly id: string; readonly anchor: string };
}

export interface Fact {
  readonly label: string;
  readonly value: string;
}

export interface Page {
  readonly cert: Certificate;
  readonly title: string;
  readonly facts: readonly Fact[];
  readonly notes: readonly string[];
  /** the data points, when there are few enough to list */
  readonly dataRows?: { readonly x: readonly string[]; readonly y: readonly string[] }[];
  /** pictures of the case itself (σ, the data, the network), shown before the results */
  readonly overview: readonly PageFigure[];
  readonly theorems: readonly PageTheorem[];
}

/** SPEC.md's rigor grades, for the legend. */
export const RIGOR_LEGEND: readonly Fact[] = [
  { label: 'exact', value: 'integer or rational arithmetic, or a structural argument on exact data (signs, ordering, triangularity)' },
  { label: 'symbolic', value: 'a computer-algebra identity or derivative' },
  { label: 'interval', value: 'outward-rounded interval arithmetic: a proof, given a correct implementation' },
  { label: 'cited', value: 'a published theorem (Sard, the regular value theorem), named with its hypotheses checked' },
  { label: 'float', value: 'floating point with a stated tolerance: evidence, not proof' },
];

export const VERDICT_LEGEND: readonly Fact[] = [
  { label: 'certified', value: 'every step holds, none only in floating point' },
  { label: 'supported', value: 'every step holds, some only in floating point' },
  { label: 'fails', value: 'a step fails: a hypothesis does not hold on this case, or a claim is disproved' },
  { label: 'inconclusive', value: 'a step could not be decided' },
];

/** Data lists longer than this are listed on the page only in part. */
const MAX_ROWS_LISTED = 12;

/** JSON for people: indented, strings past `maxString` characters and lists past `maxItems` entries cut, saying so. */
export function compactJson(value: Json | unknown, maxString = 320, maxItems = 24): string {
  const shorten = (v: unknown): unknown => {
    if (typeof v === 'string') return v.length > maxString ? `${v.slice(0, maxString)}… (${v.length} characters)` : v;
    if (Array.isArray(v)) {
      const head = v.slice(0, maxItems).map(shorten);
      return v.length > maxItems ? [...head, `… ${v.length - maxItems} more`] : head;
    }
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shorten(x)]));
    return v;
  };
  // Short lists of scalars stay on one line, so a vector reads as one.
  return JSON.stringify(shorten(value), null, 2).replace(/\[\n\s+([^[\]{}]*?)\n\s*\]/g, (m, inner: string) => {
    const flat = `[${inner.split(/,\n\s*/).join(', ')}]`;
    return flat.length <= 100 ? flat : m;
  });
}

function activationText(a: unknown): string {
  if (typeof a === 'string') return a;
  if (a && typeof a === 'object') {
    const o = a as { name?: unknown; positive?: unknown; expr?: unknown };
    if (typeof o.positive === 'string') return `${String(o.name)}: σ(t) = ${o.positive} for t > 0, 0 for t ≤ 0`;
    if (typeof o.expr === 'string') return `${String(o.name)}: σ(t) = ${o.expr}`;
  }
  return JSON.stringify(a);
}

/** The model in a line: "mlp, hidden widths [4], activation smoolu". */
export function modelText(model: unknown): string {
  const m = (model ?? {}) as { kind?: unknown; hidden?: unknown; activation?: unknown; nodes?: unknown; edges?: unknown; output?: unknown; params?: unknown };
  switch (m.kind) {
    case 'mlp':
      return `layered network (mlp), hidden widths [${(m.hidden as number[]).join(', ')}], activation ${activationText(m.activation)}`;
    case 'dag':
      return `network on a graph (dag): ${(m.nodes as unknown[]).length} nodes, ${(m.edges as unknown[]).length} edges, activation ${activationText(m.activation)}`;
    case 'expression': {
      const out = Array.isArray(m.output) ? m.output.join(', ') : String(m.output);
      return `f(w, x) = ${out}, parameters ${(m.params as string[]).join(', ')}`;
    }
    default:
      return JSON.stringify(model);
  }
}

function lossText(loss: unknown): string {
  if (loss === 'sum') return 'L = Σ fᵢ² (sum of squares)';
  if (loss === 'mean') return 'L = (1/d) Σ fᵢ² (mean of squares)';
  if (loss === 'abs') return 'L̂ = Σ |fᵢ|';
  if (loss && typeof loss === 'object' && 'power' in loss) return `L = Σ |fᵢ|^${String((loss as { power: unknown }).power)}`;
  return JSON.stringify(loss);
}

const cell = (v: number | string): string => (typeof v === 'number' ? String(v) : v);

function facts(cert: Certificate): Fact[] {
  const { d, m, k, n, sha256 } = cert.case;
  const out: Fact[] = [
    { label: 'data', value: `d = ${d} point${d === 1 ? '' : 's'} xᵢ ∈ ℝ${sup(m)}, ${k === 1 ? 'one target each' : `k = ${k} targets each`}` },
    { label: 'model', value: modelText(cert.input.model) },
    { label: 'parameters', value: `n = ${n} (n − d·k = ${n - d * k})` },
    { label: 'loss', value: lossText(cert.input.loss) },
  ];
  const p = cert.point;
  if (p) {
    const widest = p.enclosure ? Math.max(0, ...p.enclosure.map(([lo, hi]) => hi - lo)) : undefined;
    out.push({
      label: 'point',
      value:
        `found by ${p.method}` +
        (widest !== undefined ? `; a box of ${p.enclosure!.length} intervals (widest ${num(widest)}) provably holds a point of M` : '; a floating-point point, no enclosure'),
    });
  } else out.push({ label: 'point', value: 'none (no theorem found or needed one)' });
  out.push({ label: 'seed, perturb', value: `${cert.input.seed}, ${cert.input.perturb}` });
  out.push({ label: 'case hash', value: `sha256 ${sha256}` });
  out.push({ label: 'tool', value: `${cert.tool.name} ${cert.tool.version} (${cert.format})` });
  return out;
}

function dataRows(cert: Certificate): Page['dataRows'] {
  const { x, y } = cert.input.data;
  if (x.length > MAX_ROWS_LISTED) return undefined;
  return x.map((row, i) => {
    const yi: number | string | readonly (number | string)[] = y[i]!;
    return { x: row.map(cell), y: typeof yi === 'object' ? yi.map(cell) : [cell(yi)] };
  });
}

/** The anchor of a step's section. */
export const stepAnchor = (theoremAnchor: string, stepId: string): string => `${theoremAnchor}-${stepId}`;

/** The page for a certificate. */
export function buildPage(cert: Certificate, registry: readonly Theorem[]): Page {
  let net: LastLayer | undefined | null = null;
  const lastLayer = (): LastLayer | undefined => {
    if (net === null) {
      try {
        net = lastHiddenLayer(cert);
      } catch {
        net = undefined;
      }
    }
    return net;
  };
  const seen = new Map<string, { anchor: string; where: string }>();
  const theorems = cert.results.map((result): PageTheorem => {
    const module = registry.find((t) => t.id === result.theorem);
    const anchor = `theorem-${result.theorem.replace(/[^A-Za-z0-9]/g, '-')}`;
    const steps = result.steps.map((step): PageStep => {
      const def = module?.steps.find((s) => s.id === step.id);
      const figures = figuresOf(step, { cert, theorem: result, lastLayer }).map((figure, k): PageFigure => {
        const figAnchor = `${anchor}-${step.id}-${k + 1}`;
        const earlier = seen.get(figure.svg);
        if (earlier) return { anchor: figAnchor, figure, sameAs: earlier };
        seen.set(figure.svg, { anchor: figAnchor, where: `Theorem ${result.theorem}, step ${step.id}` });
        return { anchor: figAnchor, figure };
      });
      return {
        result: step,
        ...(def ? { title: def.title, explain: def.explain } : {}),
        figures,
        ...(Object.keys(step.data).length > 0 ? { dataText: compactJson(step.data) } : {}),
      };
    });
    const stop = result.verdict === 'fails' ? 'fails' : result.verdict === 'inconclusive' ? 'unknown' : undefined;
    const decisive = stop ? result.steps.find((s) => s.verdict === stop) : undefined;
    return {
      result,
      anchor,
      ...(decisive ? { decidedBy: { id: decisive.id, anchor: stepAnchor(anchor, decisive.id) } } : {}),
      title: module?.title ?? `Theorem ${result.theorem}`,
      statement: module?.statement ?? '',
      hypotheses: module?.hypotheses ?? [],
      steps,
    };
  });
  const rows = dataRows(cert);
  return {
    cert,
    title: `Certificate: ${cert.case.name}`,
    facts: facts(cert),
    notes: cert.input.notes,
    ...(rows ? { dataRows: rows } : {}),
    overview: [...overviewFigures(cert), walkFigure(cert)].filter((f): f is Figure => f !== undefined).map((figure, k) => ({ anchor: `case-figure-${k + 1}`, figure })),
    theorems,
  };
}

/** A claim's value in a line: numbers to 6 digits, records as `{positive: 4, zero: 13}`. */
function claimValue(v: Json): string {
  if (typeof v === 'number') return num(v, 6);
  if (Array.isArray(v)) return `[${(v as readonly Json[]).map(claimValue).join(', ')}]`;
  if (v && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${k}: ${claimValue(x)}`).join(', ')}}`;
  return JSON.stringify(v);
}

/** Claims in a line: `manifoldDimension = 13, hessian = {positive: 4, zero: 13, negative: 0}`. */
export function claimsText(claims: TheoremResult['claims']): string {
  return Object.entries(claims)
    .map(([k, v]) => `${k} = ${claimValue(v)}`)
    .join(', ');
}

/** n as a superscript: ℝ + sup(13) = ℝ¹³. */
export function sup(n: number): string {
  return String(n).replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]!);
}
