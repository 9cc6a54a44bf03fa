/**
 * `overparam explore [--case FILE] [--steps N] [--direction steady|random] [--along NAME]
 *                    [--step-size H] [--seed S] [--json]`
 * walks along M from the case's certified point and certifies where it ends;
 * `overparam explore [--case FILE] --train [--steps N] [--rate R] [--tries K] [--seed S] [--json]`
 * trains into M and reads the Hessian spectrum there.
 *
 * Progress goes to stderr (a redrawn line on a terminal, a line every tenth of the way
 * otherwise); the report, or with --json the JSON, to stdout. The exit code comes from the
 * certificates, as for `check`: the start's and the end's for a walk, the trained point's for
 * training; no walk or no trained point is inconclusive (3), unless the start point fails a
 * hypothesis (1).
 */
import { loadCase } from '../../models/case.js';
import { THEOREMS } from '../../../theorems/index.js';
import type { Certificate } from '../../proof/certificate.js';
import { exploreWalk, resolveHeading, walkJson, type HeadingSpec } from '../../explore/explore-walk.js';
import { modelOf } from '../../workspace/model-of.js';
import { Workspace } from '../../workspace/workspace.js';
import { exploreTrain, trainJson, trainSettings } from '../../explore/explore-train.js';
import { renderTrain } from '../../explore/render-train.js';
import { renderWalk } from '../../explore/render-walk.js';
import { fmtNum } from '../../render/terminal/format.js';
import { ALLOW_READ, allowReadOption, intOption, numberOption, parseArgs, type ParsedArgs } from '../args.js';
import { EXIT, exitCodeFor, UsageError, type ExitCode } from '../exit.js';

export const EXPLORE_OPTIONS = {
  case: { value: true },
  steps: { value: true },
  train: {},
  direction: { value: true },
  along: { value: true },
  'step-size': { value: true },
  seed: { value: true },
  rate: { value: true },
  tries: { value: true },
  json: {},
  'allow-read': ALLOW_READ,
} as const;

export interface ExploreIO {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly stderrIsTTY?: boolean;
  /** the terminal's width, when stdout is one */
  readonly columns?: number;
  /** the case used without --case */
  readonly defaultCase: string;
}

/** Progress on stderr: a redrawn line on a terminal, else a line now and then. */
function progressWriter(io: ExploreIO): { line: (text: string, force?: boolean) => void; done: () => void } {
  const tty = io.stderrIsTTY === true;
  let drawn = false;
  return {
    line(text, force = false) {
      if (tty) {
        io.stderr(`\r\x1b[2K${text}`);
        drawn = true;
      } else if (force) io.stderr(`${text}\n`);
    },
    done() {
      if (tty && drawn) io.stderr('\r\x1b[2K');
      drawn = false;
    },
  };
}

function integerOption(args: ParsedArgs, key: string): number | undefined {
  const raw = args.options.get(key)?.[0];
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (!Number.isSafeInteger(v)) throw new UsageError(`explore: --${key} expects an integer, got "${raw}"`);
  return v;
}

function headingOf(args: ParsedArgs): HeadingSpec {
  const direction = args.options.get('direction')?.[0];
  const along = args.options.get('along')?.[0];
  if (along !== undefined && direction !== undefined) throw new UsageError('explore: give --direction or --along, not both');
  if (along !== undefined) return { along };
  if (direction === undefined || direction === 'steady' || direction === 'random') return direction ?? 'steady';
  throw new UsageError(`explore: --direction expects "steady" or "random", got "${direction}"`);
}

function rejectOthers(args: ParsedArgs, mode: string, keys: readonly string[]): void {
  for (const k of keys) if (args.options.has(k)) throw new UsageError(`explore: --${k} does not apply ${mode}`);
}

export async function exploreCommand(argv: readonly string[], io: ExploreIO): Promise<ExitCode> {
  const args = parseArgs(argv, EXPLORE_OPTIONS, 'explore');
  if (args.positionals.length > 0) {
    throw new UsageError(`explore: unexpected argument "${args.positionals[0]}" (give the case with --case FILE)`);
  }
  const train = args.flags.has('train');
  if (train) rejectOthers(args, 'with --train', ['direction', 'along', 'step-size']);
  else rejectOthers(args, 'to a walk (only with --train)', ['rate', 'tries']);
  const seed = integerOption(args, 'seed');
  const width = io.columns ?? 80;
  const c = loadCase(args.options.get('case')?.[0] ?? io.defaultCase, allowReadOption(args));
  const progress = progressWriter(io);
  const json = args.flags.has('json');

  if (train) {
    const steps = args.options.has('steps') ? intOption(args, 'steps', 1, 'explore') : undefined;
    const rate = args.options.has('rate') ? numberOption(args, 'rate', 0, 'explore') : undefined;
    const tries = intOption(args, 'tries', 5, 'explore');
    const settings = trainSettings(c, { ...(steps !== undefined && { steps }) });
    let lastLine = -1;
    const report = await exploreTrain(c, {
      theorems: THEOREMS,
      ...(steps !== undefined && { steps }),
      ...(rate !== undefined && { rate }),
      tries,
      ...(seed !== undefined && { seed }),
      onProgress: (e) => {
        const total = settings.steps;
        const tenth = Math.max(1, Math.floor(total / 10));
        const text = `explore: seed ${e.seed}: ${e.phase === 'descent' ? `descent step ${e.step}/${total}` : e.phase === 'gauss-newton' ? 'Gauss–Newton' : 'done'}, L = ${fmtNum(e.loss, 2)}`;
        const bucket = Math.floor(e.step / tenth);
        const force = e.phase !== 'descent' || bucket !== lastLine;
        if (e.phase === 'descent') lastLine = bucket;
        progress.line(text, force);
      },
      onPhase: (phase) => {
        if (phase !== 'train') progress.line(`explore: ${phase === 'certify' ? 'certifying the trained point (Theorems 2.1, 2.3)' : 'finding a point to compare with'}…`, true);
      },
    });
    progress.done();
    io.stdout(json ? `${JSON.stringify(trainJson(report), null, 2)}\n` : `${renderTrain(report, { width }).join('\n')}\n`);
    return report.end === null ? EXIT.inconclusive : codeOf([report.end]);
  }

  const steps = intOption(args, 'steps', 50, 'explore');
  const stepSize = args.options.has('step-size') ? numberOption(args, 'step-size', 0, 'explore') : undefined;
  const spec = headingOf(args);
  // A parameter the model does not have is bad usage, found once the model is known.
  const heading = resolveHeading(modelOf(new Workspace(c)).names, spec);
  if ('error' in heading) throw new UsageError(`explore: --along: ${heading.error}`);
  const every = Math.max(1, Math.ceil(steps / 10));
  const report = await exploreWalk(c, {
    theorems: THEOREMS,
    steps,
    heading: spec,
    ...(stepSize !== undefined && { stepSize }),
    ...(seed !== undefined && { seed }),
    onPoint: (p, total) =>
      progress.line(
        `explore: step ${p.step}/${total}  L = ${fmtNum(p.loss, 2)}  rank ${p.rank}  σ_min ${fmtNum(p.sigmaMin)}  distance ${fmtNum(p.distance)}`,
        p.step > 0 && (p.step % every === 0 || p.step === total),
      ),
    onPhase: (phase) => {
      if (phase !== 'walk') progress.line(`explore: certifying the ${phase === 'certify-start' ? 'start' : 'end'} point (Theorems 2.1, 2.3)…`, true);
    },
  });
  progress.done();
  io.stdout(json ? `${JSON.stringify(walkJson(report), null, 2)}\n` : `${renderWalk(report, { width }).join('\n')}\n`);
  if (report.end === null) {
    const startFails = report.start.results.some((r) => r.verdict === 'fails');
    return startFails ? EXIT.fails : EXIT.inconclusive;
  }
  return codeOf([report.start, report.end]);
}

function codeOf(certs: readonly Certificate[]): ExitCode {
  const verdicts = certs.flatMap((c) => c.results.map((r) => r.verdict));
  return verdicts.length === 0 ? EXIT.ok : exitCodeFor(verdicts);
}
