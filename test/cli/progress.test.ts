import { describe, expect, it } from 'vitest';
import { bar, createProgress, duration, eta, progressBar, progressLogLine, rate, type ProgressState } from '../../src/cli/progress.js';

const state = (over: Partial<ProgressState> = {}): ProgressState => ({ done: 12, total: 40, elapsedMs: 4000, errors: 0, ...over });
/** Terminal cells of a line (every character here is one cell wide). */
const cells = (s: string): number => [...s].length;

describe('bar', () => {
  it.each([
    [0, 10, '▕          ▏'],
    [1, 10, '▕██████████▏'],
    [0.5, 10, '▕█████     ▏'],
    [0.55, 10, '▕█████▌    ▏'],
    [2, 4, '▕████▏'],
    [-1, 4, '▕    ▏'],
    [Number.NaN, 4, '▕    ▏'],
  ])('fraction %d over %i cells is %s', (f, w, expected) => {
    expect(bar(f, w)).toBe(expected);
  });

  it('is always width + 2 cells', () => {
    for (let i = 0; i <= 100; i++) expect(cells(bar(i / 100, 17))).toBe(19);
  });
});

describe('duration, rate and ETA', () => {
  it.each([
    [0, '0s'],
    [9_400, '9s'],
    [59_600, '1:00'],
    [65_000, '1:05'],
    [3_723_000, '1:02:03'],
  ])('%i ms reads %s', (ms, text) => expect(duration(ms)).toBe(text));

  it('rate is cases per second so far; ETA is what is left at that rate', () => {
    expect(rate(state())).toBe(3);
    expect(eta(state())).toBeCloseTo((28 / 3) * 1000, 6);
    expect(eta(state({ done: 0 }))).toBeUndefined();
  });
});

describe('progressBar', () => {
  it('shows the bar, the count, the percentage, the rate, the time left and the last case', () => {
    const line = progressBar(state({ last: 'iris-k1' }), 100);
    expect(line).toBe('▕█████████                     ▏ 12/40   30%  3.0 cases/s  ETA 9s  iris-k1');
  });

  it('says how long it took when done, and counts errors', () => {
    expect(progressBar(state({ done: 40, elapsedMs: 65_000, errors: 2 }), 100)).toMatch(/40\/40  100%  0\.6 cases\/s  in 1:05  2 errors$/);
    expect(progressBar(state({ done: 0, elapsedMs: 0 }), 100)).toMatch(/ 0\/40 {4}0%  0\.0 cases\/s  ETA –$/);
  });

  it('never draws past the terminal width (the last column left free), cutting the name, then the bar', () => {
    for (const columns of [20, 30, 45, 60, 80, 200]) {
      const line = progressBar(state({ last: 'a-case-with-a-rather-long-name-indeed' }), columns);
      expect(cells(line)).toBeLessThanOrEqual(Math.max(20, columns - 1));
    }
    expect(progressBar(state({ last: 'a-case-with-a-rather-long-name-indeed' }), 70)).toMatch(/…$/);
    expect(progressBar(state(), 40)).not.toContain('▕');
  });

  it('the log line for a pipe', () => {
    expect(progressLogLine(state({ last: 'xor' }))).toBe('[12/40] xor (3.0 cases/s)');
  });
});

describe('createProgress', () => {
  const fakeClock = () => {
    let t = 0;
    return { now: () => t, advance: (ms: number) => void (t += ms) };
  };

  it('prints nothing for a single case', () => {
    const out: string[] = [];
    const p = createProgress({ stderr: (s) => out.push(s), stderrIsTTY: true }, 1);
    p.done('xor', true);
    p.stop();
    expect(out).toEqual([]);
  });

  it('into a pipe: one line per finished case', () => {
    const out: string[] = [];
    const clock = fakeClock();
    const p = createProgress({ stderr: (s) => out.push(s), stderrIsTTY: false }, 2, clock.now);
    clock.advance(1000);
    p.done('xor', true);
    clock.advance(1000);
    p.done('broken', false);
    p.stop();
    expect(out).toEqual(['[1/2] xor (1.0 cases/s)\n', '[2/2] broken (1.0 cases/s)\n']);
  });

  it('on a terminal: the line is redrawn in place and ends with a newline when stopped', () => {
    const out: string[] = [];
    const clock = fakeClock();
    const p = createProgress({ stderr: (s) => out.push(s), stderrIsTTY: true, stderrColumns: 80 }, 2, clock.now);
    clock.advance(2000);
    p.done('xor', true);
    clock.advance(2000);
    p.done('broken', false);
    p.stop();
    p.stop();
    expect(out.every((s) => s === '\n' || s.startsWith('\r\x1b[2K'))).toBe(true);
    expect(out.at(-1)).toBe('\n');
    expect(out.filter((s) => s === '\n')).toHaveLength(1);
    expect(out.at(-2)).toMatch(/2\/2  100%  0\.5 cases\/s  in 4s  1 error  broken$/);
    expect(out[0]).toMatch(/0\/2 {4}0%/);
  });
});
