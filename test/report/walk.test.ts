/**
 * The report's walk along M: every point of the path is on M by the case's own equations
 * (checked here by hand, not by the walk's Gauss–Newton), the path goes somewhere, and the
 * picture is left out where a walk cannot be made or would be too slow.
 */
import { describe, expect, it } from 'vitest';
import { buildPage } from '../../src/report/page.js';
import { walkFigure, walkFromCertificate } from '../../src/report/walk.js';
import { THEOREMS } from '../../theorems/index.js';
import { certificateOf } from './certs.js';

describe('M along an explored path', () => {
  it('sphere-cylinder: every point of the path is on the sphere and on the cylinder', async () => {
    const cert = await certificateOf('sphere-cylinder');
    const made = walkFromCertificate(cert)!;
    const pts = made.walk.points;
    expect(made.names).toEqual(['w1', 'w2', 'w3']);
    expect(pts.length).toBeGreaterThan(20);
    for (const p of pts) {
      const [w1, w2, w3] = [p.w[0]!, p.w[1]!, p.w[2]!];
      // x = 0: w1² + w2² + w3² = 3.5; x = 1: w1² + w2² − 2·w1 = 0.25 (cases/sphere-cylinder.yaml)
      expect(Math.abs(w1 * w1 + w2 * w2 + w3 * w3 - 3.5)).toBeLessThan(1e-9);
      expect(Math.abs(w1 * w1 + w2 * w2 - 2 * w1 - 0.25)).toBeLessThan(1e-9);
    }
    // it moves: far from the start, along the curve
    expect(pts.at(-1)!.distance).toBeGreaterThan(1);
    const f = walkFigure(cert)!;
    expect(f.kind).toBe('walk');
    expect(f.caption).toContain('M is a curve here');
    expect(f.caption).toContain('proves nothing');
    expect(f.svg).toMatch(/<polyline points="[^"]+"/);
  });

  it('xor: a path on the 13-dimensional M keeps rank J = 4 and the loss within the tolerance', async () => {
    const cert = await certificateOf('xor', ['2.1']);
    const made = walkFromCertificate(cert)!;
    for (const p of made.walk.points) {
      expect(p.rank).toBe(4);
      expect(p.loss).toBeLessThanOrEqual(made.lossTol);
    }
    expect(buildPage(cert, THEOREMS).overview.map((f) => f.figure.kind)).toContain('walk');
  });

  it('no walk without a point, or where J is too large to walk quickly', async () => {
    expect(walkFigure(await certificateOf('tanh', ['3.3']))).toBeUndefined();
    expect(walkFigure(await certificateOf('iris', ['3.3']))).toBeUndefined();
  });
});
