import { describe, expect, it } from 'vitest';
import { certificateJson } from '../../src/cli/commands/check.js';

describe('certificateJson', () => {
  it('indents a small certificate and writes a large one compact, the same JSON value either way', () => {
    const small = { format: 'overparam-certificate/1', point: { values: [0.5, -1, 2] } };
    const smallText = certificateJson(small);
    expect(smallText).toBe(JSON.stringify(small, null, 2));
    // about 1.8 MB compact: 10⁵ parameters with their enclosures
    const values = Array.from({ length: 100_000 }, (_, i) => i / 7);
    const large = { format: 'overparam-certificate/1', point: { values, enclosure: values.map((v) => [v, v]) } };
    const largeText = certificateJson(large);
    expect(largeText).not.toContain('\n');
    expect(JSON.parse(largeText)).toEqual(large);
    expect(JSON.parse(smallText)).toEqual(small);
  });
});
