/**
 * Training into M as text: the seeded runs, the loss during training, the Hessian spectrum at
 * the trained point read against Proposition 2.3, the comparison with the constructed (or
 * searched) point, and the trained point's certificate.
 */
import { fmtNum, wrapText } from '../render/terminal/format.js';
import { seriesChart } from '../render/terminal/path.js';
import { spectrumChart } from '../render/terminal/spectrum.js';
import type { PointFacts, TrainReport } from './explore-train.js';
import { certificateLines, table, verdictsLine } from './render-text.js';

export interface RenderTrainOptions {
  readonly width?: number;
  /** include the certificate's steps (default true) */
  readonly certificate?: boolean;
}

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

function rankText(f: PointFacts, dk: number): string {
  return f.rank === dk ? `${f.rank} = d·k` : `${f.rank} < d·k`;
}

export function renderTrain(r: TrainReport, opts: RenderTrainOptions = {}): string[] {
  const width = Math.max(40, opts.width ?? 80);
  const wrap = (s: string): string[] => wrapText(s, width);
  const s = r.settings;
  const out: string[] = [];
  out.push(
    ...wrap(
      `Training into M on ${r.case.name} (n = ${r.n}, d·k = ${r.dk}): gradient descent on Σ Fᵣ² at rate ${fmtNum(s.rate)} for at most ${s.steps} steps ` +
        `from a seeded start N(0, ${fmtNum(s.scale)}²), then Gauss–Newton until max |Fᵣ| ≤ ${fmtNum(r.tol, 2)} (rounding level); seeds ${s.seed}, ${s.seed + 1}, … until one run reaches M (at most ${s.tries}).`,
    ),
  );
  out.push('');
  out.push(
    ...table(
      ['seed', 'L at start', 'descent steps', 'L after descent', 'Gauss–Newton', 'max |Fᵣ|', 'on M'],
      r.tries.map((t) => [
        String(t.seed),
        fmtNum(t.descent.lossStart, 2),
        String(t.descent.steps),
        t.descent.diverged ? 'diverged' : fmtNum(t.descent.lossEnd, 2),
        t.descent.diverged ? '–' : `${t.gaussNewton.iterations} step${t.gaussNewton.iterations === 1 ? '' : 's'}`,
        fmtNum(t.residual, 2),
        yesNo(t.reached),
      ]),
    ),
  );
  const stuck = r.tries.filter((t) => !t.reached && !t.descent.diverged);
  if (stuck.length > 0) {
    out.push(
      ...wrap(
        `Not on M: ${stuck.map((t) => `seed ${t.seed} (L = ${fmtNum(t.loss, 3)}; Gauss–Newton: ${t.gaussNewton.stopped})`).join('; ')}. ` +
          'Gradient descent can settle where L > 0; the theorems speak of the global minima, not of every run.',
      ),
    );
  }
  const chosen = r.chosen;
  if (chosen === undefined || r.trained === undefined) {
    out.push('');
    const diverged = r.tries.filter((t) => t.descent.diverged).length;
    const advice =
      diverged === r.tries.length
        ? `gradient descent diverged every time at rate ${fmtNum(s.rate)}: try a smaller rate (--rate)`
        : 'try more steps (--steps), another rate (--rate) or more seeds (--tries)';
    out.push(...wrap(`No run reached M (max |Fᵣ| ≤ ${fmtNum(r.tol, 2)}): ${advice}.`));
    return out;
  }
  out.push('');
  out.push(`L during training (seed ${chosen.seed}), then after Gauss–Newton`);
  const hist = [...chosen.descent.history];
  const after = chosen.descent.steps + Math.max(1, chosen.gaussNewton.iterations);
  if (chosen.gaussNewton.iterations > 0) hist.push([after, chosen.loss]);
  out.push(...seriesChart({ values: hist.map((h) => h[1]), xs: hist.map((h) => h[0]), log: true, xLabel: 'step' }, width - 2).map((l) => `  ${l}`));

  const t = r.trained;
  out.push('');
  out.push(
    ...wrap(
      `The trained point: ${r.loss} = ${fmtNum(t.loss, 2)}, max |Fᵣ| = ${fmtNum(t.residual, 2)}, rank J = ${rankText(t, r.dk)} ` +
        `(float: σ_min = ${fmtNum(t.sigmaMin)} > tol = ${fmtNum(t.rankTol, 2)}), so near it M has dimension n − rank J = ${t.localDimension}.`,
    ),
  );

  const sp = r.spectrum;
  out.push('');
  if (sp === undefined || 'skipped' in sp) {
    out.push(...wrap(`Hessian spectrum at the trained point: not computed (${sp?.skipped ?? 'no point'}).`));
  } else {
    const c = sp.spectrum.counts;
    out.push(`Hessian spectrum of L at the trained point (float, n = ${r.n})`);
    out.push(...spectrumChart({ eigenvalues: Array.from(sp.spectrum.eigenvalues), counts: c }, width - 2, 24).map((l) => `  ${l}`));
    const verdict = sp.matches
      ? `as Proposition 2.3 predicts on M: d·k = ${r.dk} positive, n − d·k = ${r.n - r.dk} zero, none negative`
      : `unlike Proposition 2.3's prediction on M (d·k = ${r.dk} positive, n − d·k = ${r.n - r.dk} zero, none negative)`;
    out.push(
      ...wrap(
        `${c.positive} positive, ${c.zero} near zero, ${c.negative} negative beyond ±tol = ${fmtNum(sp.spectrum.tol, 2)} (n·ε·max|λ|). ` +
          `The residual term R = 2ΣFᵣ∇²fᵣ has ‖R‖_F = ${fmtNum(sp.spectrum.residualTerm.frobenius, 2)}; by Weyl's inequality the eigenvalues beyond ` +
          `±(tol + ‖R‖_F) = ±${fmtNum(sp.widenedTol, 2)} have the signs of 2JᵀJ, and counting with that tolerance gives ` +
          `${sp.widened.positive} positive, ${sp.widened.zero} zero, ${sp.widened.negative} negative: ${verdict}.` +
          (sp.matches && r.n - r.dk > r.dk
            ? ` Most eigenvalues at 0 (${r.n - r.dk} of ${r.n}) and a few large ones: the picture the empirical papers report for trained networks, which Proposition 2.3 makes exact on M.`
            : ''),
      ),
    );
  }

  const cmp = r.comparison;
  out.push('');
  if (cmp === undefined || 'skipped' in cmp) {
    out.push(...wrap(`No point to compare with: ${cmp?.skipped ?? 'none found'}.`));
  } else {
    const name = cmp.method === 'construct' ? 'constructed' : 'searched';
    out.push(...wrap(`Compared with the ${name} point (${cmp.summary}):`));
    const o = cmp.other;
    out.push(
      ...table(
        ['', 'trained', name],
        [
          [r.loss, fmtNum(t.loss, 2), fmtNum(o.loss, 2)],
          ['max |Fᵣ|', fmtNum(t.residual, 2), fmtNum(o.residual, 2)],
          ['rank J (float)', rankText(t, r.dk), rankText(o, r.dk)],
          ['σ_min(J)', fmtNum(t.sigmaMin), fmtNum(o.sigmaMin)],
          ['n − rank J', String(t.localDimension), String(o.localDimension)],
          ['‖w‖', fmtNum(t.norm), fmtNum(o.norm)],
        ],
      ),
    );
    const both = t.residual <= r.tol && o.residual <= r.tol;
    const same = t.localDimension === o.localDimension && t.rank === r.dk && o.rank === r.dk;
    const relabel = cmp.relabelled !== undefined ? `; after the best relabelling of the hidden units (which maps M to itself) still ${fmtNum(cmp.relabelled)}` : '';
    out.push(
      ...wrap(
        `‖w_trained − w_${name}‖ = ${fmtNum(cmp.distance)} (${fmtNum(cmp.relative)} × the larger of the two norms)${relabel}. ` +
          (both && same
            ? `Both lie on M (float) and both are regular, with the same local dimension ${t.localDimension} = n − d·k: two ${cmp.relative > 0.1 ? 'distant ' : ''}points of the manifold of global minima.`
            : `${both ? 'Both lie on M (float)' : 'Not both lie on M to tolerance'}; local dimensions ${t.localDimension} and ${o.localDimension}.`),
      ),
    );
  }
  if (r.end !== null) {
    out.push('');
    out.push(...wrap(`The trained point, certified on its own (${verdictsLine(r.end)}):`));
    if (opts.certificate ?? true) out.push(...certificateLines(r.end));
  }
  return out;
}
