import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exploreCommand, type ExploreIO } from '../../src/cli/commands/explore.js';

function captureIO(opts: { tty?: boolean } = {}): ExploreIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    stderrIsTTY: opts.tty === true,
    defaultCase: resolve('cases/xor.yaml'),
    out: () => out,
    err: () => err,
  };
}

describe('overparam explore (a walk)', () => {
  it('--json prints the path and the end certificate; exit 0 when both ends are certified or supported', async () => {
    const io = captureIO();
    const code = await exploreCommand(['--case', 'cases/sphere-cylinder.yaml', '--steps', '8', '--json'], io);
    expect(code).toBe(0);
    const j = JSON.parse(io.out()) as { path: { step: number; loss: number; rank: number }[]; end: { results: { theorem: string }[] }; walk: { dk: number; stepsTaken: number } };
    expect(j.path.map((p) => p.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    for (const p of j.path) {
      expect(p.loss).toBeLessThan(1e-20 * (1 + 3.5 ** 2 + 0.25 ** 2));
      expect(p.rank).toBe(2);
    }
    expect(j.end.results.map((r) => r.theorem)).toEqual(['2.1', '2.3']);
    expect(j.walk.stepsTaken).toBe(8);
  });

  it('progress goes to stderr: a line now and then without a terminal, a redrawn line on one', async () => {
    const pipe = captureIO();
    await exploreCommand(['--case', 'cases/product-generic.yaml', '--steps', '20'], pipe);
    const lines = pipe.err().trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('explore: step')).map((l) => l.split(' ')[2])).toEqual([
      '2/20', '4/20', '6/20', '8/20', '10/20', '12/20', '14/20', '16/20', '18/20', '20/20',
    ]);
    expect(pipe.out()).toContain('Walking along M on product-generic');
    expect(pipe.out()).toContain('M is a curve in the plane');
    const tty = captureIO({ tty: true });
    await exploreCommand(['--case', 'cases/product-generic.yaml', '--steps', '5'], tty);
    expect(tty.err()).toContain('\r\x1b[2Kexplore: step 3/5');
    expect(tty.out()).not.toContain('\r');
  });

  it('uses cases/xor.yaml without --case', async () => {
    const io = captureIO();
    expect(await exploreCommand(['--steps', '3', '--direction', 'random'], io)).toBe(0);
    expect(io.out()).toContain('Walking along M on xor');
  });

  it('exits 1 when the start point is critical (the hypothesis fails there), with no walk', async () => {
    const io = captureIO();
    expect(await exploreCommand(['--case', 'cases/product-critical.yaml', '--steps', '3'], io)).toBe(1);
    expect(io.out()).toContain('No walk');
  });

  it.each([
    [['--case', 'cases/xor.yaml', '--along', 'nope'], 'explore: --along: the model has no parameter "nope"'],
    [['--case', 'cases/xor.yaml', '--direction', 'up'], 'explore: --direction expects "steady" or "random", got "up"'],
    [['--case', 'cases/xor.yaml', '--direction', 'random', '--along', 'b2[0]'], 'explore: give --direction or --along, not both'],
    [['--case', 'cases/xor.yaml', '--rate', '0.1'], 'explore: --rate does not apply to a walk'],
    [['--case', 'cases/xor.yaml', '--train', '--along', 'b2[0]'], 'explore: --along does not apply with --train'],
    [['--case', 'cases/xor.yaml', '--steps', '0'], 'explore: --steps expects a positive integer, got "0"'],
    [['--case', 'cases/xor.yaml', '--seed', '1.5'], 'explore: --seed expects an integer, got "1.5"'],
    [['--case', 'cases/xor.yaml', '--step-size', '-1'], 'explore: --step-size expects a positive number, got "-1"'],
    [['cases/xor.yaml'], 'explore: unexpected argument "cases/xor.yaml" (give the case with --case FILE)'],
    [['--case', 'no/such.yaml'], 'no/such.yaml'],
  ])('%j is a usage error: %s', async (argv, message) => {
    await expect(exploreCommand(argv, captureIO())).rejects.toThrow(message);
  });
});

describe('overparam explore --train', () => {
  it('--json: the runs, the spectrum against n − d·k, the comparison and the certificate; exit 0', async () => {
    const io = captureIO();
    expect(await exploreCommand(['--case', 'cases/xor.yaml', '--train', '--tries', '3', '--json'], io)).toBe(0);
    const j = JSON.parse(io.out()) as {
      train: { reached: boolean; tries: unknown[] };
      spectrum: { counts: { zero: number }; predicted: { zero: number }; tol: number; rigor: string };
      comparison: { method: string };
      end: { format: string };
    };
    expect(j.train.reached).toBe(true);
    expect(j.spectrum.counts.zero).toBe(17 - 4);
    expect(j.spectrum.predicted.zero).toBe(13);
    expect(j.spectrum.rigor).toBe('float');
    expect(j.spectrum.tol).toBeGreaterThan(0);
    expect(j.comparison.method).toBe('construct');
    expect(j.end.format).toBe('overparam-certificate/1');
    expect(io.err()).toContain('explore: seed');
  });

  it('exits 3 when no run reaches M', async () => {
    const io = captureIO();
    expect(await exploreCommand(['--case', 'cases/xor.yaml', '--train', '--tries', '1', '--seed', '2'], io)).toBe(3);
    expect(io.out()).toContain('No run reached M');
  });
});
