/**
 * A walk along M as text: where it started and how sure that was, the path every few steps
 * (loss, rank of J with its tolerance, σ_min, distance), the loss on a log scale and σ_min along
 * the path, the path itself where M is a curve or the parameter space is tiny, and the end
 * point's certificate.
 */
import { curvePlot, seriesChart } from '../render/terminal/path.js';
import { fmtNum, wrapText } from '../render/terminal/format.js';
import { norm } from './linearize.js';
import type { Heading, WalkPoint } from './walk.js';
import { pathSummary, type WalkReport } from './explore-walk.js';
import { certificateLines, table, verdictsLine } from './render-text.js';

export interface RenderOptions {
  /** the width of charts and wrapped text (default 80) */
  readonly width?: number;
  /** a table row every this many steps (default: about ten rows) */
  readonly every?: number;
  /** include the end certificate's steps (default true) */
  readonly certificate?: boolean;
}

function headingText(h: Heading): string {
  switch (h.kind) {
    case 'steady':
      return 'steady (one seeded random tangent direction, then the last step carried onto each new tangent space)';
    case 'random':
      return 'random (a fresh seeded tangent direction every step)';
    case 'along':
      return `along ${h.name} (the tangent part of its axis, every step)`;
  }
}

/** The table's rows: every `every` steps and the last. */
function tableRows(points: readonly WalkPoint[], dk: number, every: number): string[][] {
  const last = points.length - 1;
  return points
    .filter((p, i) => i % every === 0 || i === last)
    .map((p) => [
      String(p.step),
      fmtNum(p.loss, 2),
      fmtNum(p.residual, 2),
      p.rank === dk ? String(p.rank) : `${p.rank} < ${dk}`,
      fmtNum(p.sigmaMin),
      fmtNum(p.rankTol, 2),
      p.step === 0 ? '–' : fmtNum(p.stepSize),
      fmtNum(p.distance),
      fmtNum(p.displacement),
    ]);
}

/** The two coordinates along which the path spreads most, for its picture. */
export function widestCoordinates(points: readonly WalkPoint[]): [number, number] {
  const n = points[0]?.w.length ?? 0;
  const spread = Array.from({ length: n }, (_, j) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const p of points) {
      lo = Math.min(lo, p.w[j]!);
      hi = Math.max(hi, p.w[j]!);
    }
    return hi - lo;
  });
  const order = spread.map((s, j) => [s, j] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const [a, b] = [order[0]?.[1] ?? 0, order[1]?.[1] ?? 0];
  return a < b ? [a, b] : [b, a];
}

/** Whether the path gets a picture of its own: M a curve, or at most 3 parameters. */
export const drawsPath = (n: number, dk: number): boolean => n >= 2 && (n <= 3 || n - dk === 1);

export function renderWalk(r: WalkReport, opts: RenderOptions = {}): string[] {
  const width = Math.max(40, opts.width ?? 80);
  const wrap = (s: string, indent = ''): string[] => wrapText(s, width - indent.length).map((l) => indent + l);
  const dim = r.n - r.dk;
  const out: string[] = [];
  out.push(
    ...wrap(
      `Walking along M on ${r.case.name}: n = ${r.n} parameters, d·k = ${r.dk} equation${r.dk === 1 ? '' : 's'}, so near a regular point M is a smooth manifold of dimension n − d·k = ${dim}${dim === 1 ? ' (a curve)' : ''}.`,
    ),
  );
  out.push(...wrap(`start: ${r.startSummary}; ${verdictsLine(r.start)}.`));
  const walk = r.walk;
  if (walk === undefined || walk.points.length <= 1) {
    out.push(...wrap(`No walk: ${r.reason ?? walk?.stopped ?? 'no step was taken'}.`));
    return out;
  }
  const pts = walk.points;
  const s = pathSummary(r);
  out.push(...wrap(`heading: ${headingText(r.heading)}; seed ${r.seed}.`));
  if (walk.settled !== undefined) {
    const st = walk.settled;
    out.push(...wrap(`The start was settled onto M by Gauss–Newton first: max |Fᵣ| from ${fmtNum(st.from, 2)} to ${fmtNum(st.to, 2)}, moving it by ${fmtNum(st.moved, 2)}.`));
  }
  if (walk.tol > walk.baseTol) {
    out.push(
      ...wrap(
        `Rounding at the start sits above the usual tolerance ${fmtNum(walk.baseTol, 2)} (the weights are large: ‖w₀‖ = ${fmtNum(norm(pts[0]!.w))}), ` +
          `so on M here means max |Fᵣ| ≤ ${fmtNum(walk.tol, 2)}: 100 times the residual Gauss–Newton leaves at the start, capped at 10⁴ times the usual tolerance.`,
      ),
    );
  }
  out.push('');
  out.push(
    ...wrap(
      `Along the path (float: on M means max |Fᵣ| ≤ ${fmtNum(walk.tol, 2)}; rank J counts the singular values of J above tol, read off the ${r.dk} × ${r.dk} Gram matrix JJᵀ, and d·k = ${r.dk}; h is the tangent step that reached the point; distance is the length of the path so far, ‖w − w₀‖ the straight line from the start):`,
    ),
  );
  const every = opts.every ?? Math.max(1, Math.ceil((pts.length - 1) / 10));
  out.push(...table(['step', r.loss, 'max|Fᵣ|', 'rank J', 'σ_min', 'tol', 'h', 'distance', '‖w − w₀‖'], tableRows(pts, r.dk, every)));
  out.push('');
  const xs = pts.map((p) => p.step);
  out.push(`${r.loss} along the path`);
  out.push(...seriesChart({ values: pts.map((p) => p.loss), xs, log: true, xLabel: 'step' }, width - 2).map((l) => `  ${l}`));
  out.push('');
  out.push('σ_min(J) along the path (J keeps full rank while it stays clear of 0)');
  out.push(...seriesChart({ values: pts.map((p) => p.sigmaMin), xs, xLabel: 'step' }, width - 2).map((l) => `  ${l}`));
  if (drawsPath(r.n, r.dk)) {
    const [a, b] = widestCoordinates(pts);
    const what =
      dim === 1
        ? r.n === 2
          ? 'M is a curve in the plane: this is M itself'
          : `M is a curve in ℝ^${r.n}: this is M itself, seen along the other ${r.n === 3 ? 'coordinate' : 'coordinates'}`
        : `the path on the ${dim}-dimensional M, seen along the other coordinates`;
    out.push('');
    out.push(...wrap(`The path in the (${r.names[a]}, ${r.names[b]}) plane, S to E (${what}):`));
    out.push(...curvePlot({ points: pts.map((p) => [p.w[a]!, p.w[b]!] as const), xLabel: r.names[a]!, yLabel: r.names[b]! }, width - 2).map((l) => `  ${l}`));
  }
  out.push('');
  const rankWords = s.fullRank
    ? `rank J = ${r.dk} = d·k at every point (float, tol ≤ ${fmtNum(s.maxRankTol, 2)})`
    : `rank J fell below d·k = ${r.dk} (float, tol ≤ ${fmtNum(s.maxRankTol, 2)})`;
  const stopped = walk.completed ? '' : ` The walk stopped early: ${walk.stopped}.`;
  out.push(
    ...wrap(
      `${s.steps} step${s.steps === 1 ? '' : 's'}, distance travelled ${fmtNum(s.distance)} (${fmtNum(s.displacement)} from the start in a straight line); ` +
        `${r.loss} ≤ ${fmtNum(s.maxLoss, 2)} at every point; ${rankWords}; smallest σ_min ${fmtNum(s.minSigma)}` +
        `${walk.rejected > 0 ? `; ${walk.rejected} trial step(s) rejected and retried shorter` : ''}.${stopped}`,
    ),
  );
  if (r.end !== null) {
    out.push('');
    out.push(...wrap(`The end point, certified on its own (${verdictsLine(r.end)}):`));
    if (opts.certificate ?? true) out.push(...certificateLines(r.end));
  }
  return out;
}
