/**
 * The few pieces every picture of a report is made of: escaping, number labels, scales, a
 * colour map, and the `<svg>` element itself. Pictures are strings of SVG with no script, no
 * external reference and no font beyond the generic families, so a page shows them offline.
 */

/** Text safe inside an element or a double-quoted attribute. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A number for a label: 3 significant digits, "1.2 × 10⁵" outside [1e-3, 1e5), no trailing noise. */
export function num(x: number, digits = 3): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e5) return String(Number(x.toPrecision(digits))).replace('-', '−');
  const [mantissa, exponent] = x.toExponential(digits - 1).replace(/\.?0+e/, 'e').split('e') as [string, string];
  const power = `10${superscript(Number(exponent))}`;
  return (mantissa === '1' ? power : mantissa === '-1' ? `−${power}` : `${mantissa} × ${power}`).replace('-', '−');
}

/** An integer as superscript digits: 5 → ⁵, −3 → ⁻³. */
export function superscript(e: number): string {
  return String(e).replace('-', '⁻').replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]!);
}

/** A coordinate with at most 2 decimals (keeps pictures small). */
export const px = (v: number): string => String(Math.round(v * 100) / 100);

/** A linear map from [d0, d1] onto [r0, r1]; a degenerate domain maps to the middle. */
export function linear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const span = d1 - d0;
  if (!(span > 0) || !Number.isFinite(span)) return () => (r0 + r1) / 2;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

/** Integer decades from ⌊lo⌋ to ⌈hi⌉, thinned to at most `max` ticks. */
export function decadeTicks(lo: number, hi: number, max = 8): number[] {
  const a = Math.floor(lo);
  const b = Math.ceil(hi);
  const step = Math.max(1, Math.ceil((b - a) / Math.max(1, max - 1)));
  const ticks: number[] = [];
  for (let e = a; e <= b; e += step) ticks.push(e);
  return ticks;
}

/** About `count` round ticks covering [lo, hi] (1, 2 or 5 times a power of ten apart). */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((f) => f * mag).find((s) => s >= raw) ?? 10 * mag;
  const first = Math.ceil(lo / step);
  const last = Math.floor(hi / step + 1e-9);
  // A step below the resolution of doubles this far from 0 (or an index past 2⁵³) would never advance.
  if (lo + step === lo || !(Math.abs(first) < 2 ** 52) || !(last - first <= 10 * count)) return [lo, hi];
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) {
    const v = i * step;
    ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  }
  return ticks;
}

/**
 * Labels for the ticks of one axis, in one notation and told apart: plain while num writes every
 * tick plainly ("20000, 22000"), else each as a multiple of the largest tick's power of ten
 * ("0.5 × 10⁵, 10⁵, 1.5 × 10⁵"), with digits added until neighbours differ.
 */
export function tickLabels(ticks: readonly number[]): string[] {
  const distinct = (labels: string[]): boolean => new Set(labels).size === labels.length;
  const scientific = /×|10[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]/;
  for (let digits = 3; digits <= 17; digits++) {
    const plain = ticks.map((t) => num(t, digits));
    if (!plain.some((s) => scientific.test(s))) {
      if (distinct(plain)) return plain;
      continue;
    }
    const e = Math.floor(Math.log10(Math.max(...ticks.map(Math.abs))));
    const power = `10${superscript(e)}`;
    const labels = ticks.map((t) => {
      const m = Number((t / 10 ** e).toPrecision(digits));
      if (m === 0) return '0';
      if (Math.abs(m) === 1) return `${m < 0 ? '−' : ''}${power}`;
      return `${String(m).replace('-', '−')} × ${power}`;
    });
    if (distinct(labels)) return labels;
  }
  return ticks.map((t) => num(t, 17));
}

/** 10^e as a label: 1, 10, 100, 10³ … and 0.1, 0.01, 10⁻³ … */
export function decadeLabel(e: number): string {
  if (e >= 0 && e <= 2) return String(10 ** e);
  if (e < 0 && e >= -2) return String(10 ** e);
  const sup = String(e).replace('-', '⁻').replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]!);
  return `10${sup}`;
}

/** Viridis, sampled: dark purple (low) through teal to yellow (high). Readable in grey and by most colour-blind readers. */
const VIRIDIS = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'];

/** The colour for t ∈ [0, 1] (clamped), quantised to `levels` steps so neighbouring cells share colours. */
export function colour(t: number, levels = 32): string {
  const c = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  const q = Math.round(c * (levels - 1)) / (levels - 1);
  const x = q * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const mix = (a: string, b: string, k: number): string => {
    const pa = Number.parseInt(a, 16);
    const pb = Number.parseInt(b, 16);
    return Math.round(pa + (pb - pa) * k)
      .toString(16)
      .padStart(2, '0');
  };
  const a = VIRIDIS[i]!;
  const b = VIRIDIS[i + 1]!;
  return `#${mix(a.slice(1, 3), b.slice(1, 3), f)}${mix(a.slice(3, 5), b.slice(3, 5), f)}${mix(a.slice(5, 7), b.slice(5, 7), f)}`;
}

/** Colours with a meaning, shared by every picture and the page's badges. */
export const INK = {
  text: '#1f2328',
  muted: '#656d76',
  grid: '#d0d7de',
  zero: '#f6f8fa',
  positive: '#1f6feb',
  negative: '#cf222e',
  neutral: '#8c959f',
  accent: '#bf8700',
} as const;

/** A text element. */
export function text(x: number, y: number, s: string, attrs = ''): string {
  return `<text x="${px(x)}" y="${px(y)}"${attrs ? ` ${attrs}` : ''}>${esc(s)}</text>`;
}

/** A complete `<svg>` element with an accessible name (`title`) and a fixed viewBox that scales with the page. */
export function svgElement(width: number, height: number, title: string, body: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${px(width)} ${px(height)}" width="${px(width)}" height="${px(height)}" role="img" aria-label="${esc(title)}" font-family="system-ui, sans-serif" font-size="16" fill="${INK.text}">`,
    `<title>${esc(title)}</title>`,
    ...body,
    '</svg>',
  ].join('\n');
}
