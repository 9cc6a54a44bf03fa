import { describe, expect, it } from 'vitest';
import { linesWindow } from '../../src/ui/components/Lines.js';
import { detailAnchors, progressBar, stateLine, stepDetail } from '../../src/ui/detail.js';
import { pendingRun } from '../../src/ui/state.js';
import { fixtureTheorem } from './fixtures.js';

describe('linesWindow', () => {
  it.each([
    // total, offset, height, sticky → sticky, start, end, above, below
    [10, 0, undefined, 3, { sticky: 3, start: 3, end: 10, above: 0, below: 0 }],
    [10, 0, 20, 3, { sticky: 3, start: 3, end: 10, above: 0, below: 0 }],
    [20, 0, 8, 3, { sticky: 3, start: 3, end: 7, above: 0, below: 13 }],
    [20, 5, 8, 3, { sticky: 3, start: 8, end: 11, above: 5, below: 9 }],
    [20, 99, 8, 3, { sticky: 3, start: 16, end: 20, above: 13, below: 0 }],
    [20, 4, 6, 0, { sticky: 0, start: 4, end: 8, above: 4, below: 12 }],
    [20, 15, 6, 0, { sticky: 0, start: 15, end: 20, above: 15, below: 0 }],
    [20, 3, 2, 0, { sticky: 0, start: 3, end: 5, above: 0, below: 0 }],
    [20, 5, 6, 3, { sticky: 3, start: 8, end: 11, above: 0, below: 0 }],
  ] as const)('%i lines from %i in %s rows with %i sticky', (total, offset, height, sticky, expected) => {
    const w = linesWindow(total, offset, height, sticky);
    expect(w).toEqual(expected);
    if (height !== undefined) expect(w.sticky + (w.above > 0 ? 1 : 0) + (w.end - w.start) + (w.below > 0 ? 1 : 0)).toBeLessThanOrEqual(height);
  });
});

describe('step detail', () => {
  it('names a pending step, its claim, and no evidence yet', () => {
    const run = pendingRun(fixtureTheorem());
    const lines = stepDetail(run.steps[2]!, 7, 60);
    expect(lines.map((l) => l.text).slice(0, 3)).toEqual(['Step 3/7  projection-separates', 'a projection separates the inputs', '· pending']);
    expect(lines.some((l) => l.text === 'Evidence')).toBe(false);
    expect(lines.map((l) => l.text)).toContain('  needs: distinct-inputs');
    expect(detailAnchors(lines)).toEqual({ sticky: 3 });
  });

  it('shows progress while a step runs', () => {
    const run = pendingRun(fixtureTheorem());
    const view = { ...run.steps[6]!, status: 'running' as const, progress: { fraction: 0.25, message: 'a quarter' } };
    expect(stateLine(view).text).toBe(`… running ${progressBar(0.25, 20)} 25% a quarter`);
    expect(progressBar(0.25, 8)).toBe('██░░░░░░');
    expect(progressBar(Number.NaN, 4)).toBe('░░░░');
  });
});
