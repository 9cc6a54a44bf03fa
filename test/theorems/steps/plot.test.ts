import { describe, expect, it } from 'vitest';
import { textPlot } from '../../../theorems/steps/plot.js';

describe('textPlot', () => {
  it('draws |t| as a V with the axis marked, the extremes labelled', () => {
    const t = [-2, -1, 0, 1, 2];
    const lines = textPlot(t, t.map(Math.abs), { height: 3, label: 'L' });
    expect(lines).toEqual(['L', '2 ┤• │ •', '  ┤ •│• ', '0 ┤  •  ', '  └─────', '   -2  2']);
  });

  it('survives a constant and non-finite values', () => {
    const lines = textPlot([-1, 0, 1], [1, NaN, 1], { height: 2 });
    expect(lines.length).toBe(4);
    expect(lines[0]).toContain('•');
  });
});
