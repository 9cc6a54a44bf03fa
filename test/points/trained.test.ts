import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CaseError } from '../../src/cases/load.js';
import { loadCase } from '../../src/models/case.js';
import { buildModel } from '../../src/models/index.js';
import { BIN, ROOT, ensureBuilt } from '../helpers/built.js';

const NETS = join(ROOT, 'test', 'fixtures', 'trained', 'nets');
const CASES = join(ROOT, 'cases', 'trained');

/** Python's float.hex as a double, parsed by hand (mantissa and exponent, no rounding for these). */
function hex(s: string): number {
  const m = /^(-?)0x([01])\.([0-9a-f]+)p([+-]\d+)$/.exec(s);
  if (m === null) throw new Error(`not float.hex: ${s}`);
  const v = Number(BigInt(`0x${m[2]}${m[3]}`)) * 2 ** (Number(m[4]) - 4 * m[3]!.length);
  return m[1] === '-' ? -v : v;
}

describe('ONNX and safetensors exports of PyTorch networks', () => {
  it.each(['tanh1', 'sigmoid1k3', 'softplus2k3', 'tanh2', 'early', 'narrow', 'tanh1-safetensors'])(
    '%s: our mlp at the file\'s weights gives the outputs PyTorch computed in float64',
    (name) => {
      const c = loadCase(join(CASES, `${name}.yaml`));
      expect(c.point.kind).toBe('trained');
      if (c.point.kind !== 'trained') return;
      const ref = JSON.parse(readFileSync(join(NETS, `${name.replace('-safetensors', '')}.outputs.json`), 'utf8')) as { outputs: string[][] };
      const model = buildModel(c.model, c.data.m, c.data.k);
      const out = model.outputs(c.point.values, c.data.x);
      ref.outputs.flat().forEach((h, r) => {
        const want = hex(h);
        expect(Math.abs(out[r]! - want)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(want)));
      });
      expect(c.point.sourceNames[0]).toBe('0.weight[0,0]');
      expect(c.point.sourceNames[c.point.sourceNames.length - 1]).toMatch(/^\d+\.bias\[\d+\]$/);
    },
  );

  function refused(bytes: Uint8Array): string {
    const dir = mkdtempSync(join(tmpdir(), 'overparam-onnx-'));
    writeFileSync(join(dir, 'net.onnx'), bytes);
    writeFileSync(join(dir, 'case.yaml'), `model: {onnx: net.onnx}\ndata:\n  npy: {x: ${join(NETS, 'tanh1.x.npy')}, y: ${join(NETS, 'tanh1.y.npy')}}\n`);
    try {
      loadCase(join(dir, 'case.yaml'));
    } catch (e) {
      if (e instanceof CaseError) return e.message;
      throw e;
    }
    throw new Error('no CaseError');
  }

  it('an operator outside the list is refused with the node name and op type', () => {
    const bytes = Buffer.from(readFileSync(join(NETS, 'tanh1.onnx')));
    // every occurrence (the op type and the names PyTorch derives from it), so only the op changes
    let at = bytes.indexOf('Tanh');
    expect(at).toBeGreaterThan(0);
    for (; at >= 0; at = bytes.indexOf('Tanh', at)) bytes.write('Tanx', at);
    expect(refused(bytes)).toMatch(/model\.onnx: net\.onnx: node "[^"]+" \(Tanx\): not supported: expected Gemm, MatMul \+ Add or an activation/);
  });

  it('a truncated or foreign file is one line naming the file', () => {
    const bytes = readFileSync(join(NETS, 'tanh1.onnx'));
    for (const cut of [10, 200, bytes.length - 3]) {
      const msg = refused(bytes.subarray(0, cut));
      expect(msg).toContain('model.onnx: net.onnx:');
      expect(msg).not.toContain('\n');
    }
    expect(refused(new TextEncoder().encode('hello world'))).toContain('net.onnx');
  });
});

describe('the global minimum next to a trained network', () => {
  beforeAll(() => ensureBuilt());
  const check = (name: string) => {
    const r = spawnSync('node', [BIN, 'check', join(CASES, `${name}.yaml`), '--json'], { encoding: 'utf8' });
    return { r, cert: JSON.parse(r.stdout) as { point: { trained?: number[]; distance?: number; sourceNames?: string[]; values: number[] } | null; results: { theorem: string; verdict: string }[] } };
  };

  it('a fitted tanh net: Theorem 2.1 certified at a proven zero within the stated distance', () => {
    const { cert } = check('tanh1');
    expect(cert.results.find((t) => t.theorem === '2.1')!.verdict).toBe('certified');
    const p = cert.point!;
    expect(p.distance).toBeGreaterThan(0);
    expect(p.distance).toBeLessThan(1e-3);
    expect(p.sourceNames![0]).toBe('0.weight[0,0]');
    // the trained weights are the file's float32 values
    expect(p.trained!.every((v) => Math.fround(v) === v)).toBe(true);
    let far = 0;
    p.values.forEach((v, j) => (far = Math.max(far, Math.abs(v - p.trained![j]!))));
    expect(far).toBeLessThanOrEqual(p.distance!);
  });

  it.each(['tanh1', 'sigmoid1k3', 'softplus2k3', 'tanh2'])('%s (last hidden layer ≥ d − 1 wide): 2.1 and 2.3 certified through the output-weight solve, and verify re-derives it', (name) => {
    const r = spawnSync('node', [BIN, 'check', join(CASES, `${name}.yaml`), '--json'], { encoding: 'utf8' });
    type Step = { id: string; verdict: string; rigor: string; data: Record<string, unknown> };
    const cert = JSON.parse(r.stdout) as { point: { trained: number[]; distance: number; values: number[]; enclosure: [number, number][] }; results: { theorem: string; verdict: string; steps: Step[] }[] };
    for (const t of ['2.1', '2.3']) expect(cert.results.find((x) => x.theorem === t)!.verdict).toBe('certified');
    const steps = cert.results.flatMap((t) => t.steps);
    expect((steps.find((s) => s.id === 'point-found')!.data.enclosure as { method: string }).method).toBe('output-solve');
    expect(steps.find((s) => s.id === 'jacobian-full-rank')!.data.method).toBe('output-solve');
    expect(steps.find((s) => s.id === 'min-positive-eigenvalue-bound')!.rigor).toBe('interval');
    // the box is wide in the output layer only: every hidden parameter is a point, the file's own weight
    const { enclosure, trained, distance } = cert.point;
    const wide = enclosure.flatMap(([lo, hi], j) => (lo < hi ? [j] : []));
    expect(wide.length).toBeGreaterThan(0);
    enclosure.forEach(([lo, hi], j) => {
      if (j < wide[0]!) expect([lo, hi]).toEqual([trained[j], trained[j]]);
    });
    // the distance bounds the box's farthest corner from the trained weights
    const far = Math.max(...enclosure.map(([lo, hi], j) => Math.max(hi - trained[j]!, trained[j]! - lo)));
    expect(far).toBeLessThanOrEqual(distance);
    expect(distance).toBeLessThan(1e-3);
    const dir = mkdtempSync(join(tmpdir(), 'overparam-trained-'));
    writeFileSync(join(dir, 'cert.json'), r.stdout);
    const v = spawnSync('node', [BIN, 'verify', join(dir, 'cert.json')], { encoding: 'utf8' });
    expect(v.status, v.stdout + v.stderr).toBe(0);
  });

  it('a net stopped early (loss 1e-2) is not certified, and the answer says what was tried', () => {
    const { cert } = check('early');
    expect(cert.results.find((t) => t.theorem === '2.1')!.verdict).not.toBe('certified');
    expect(cert.point).toBeNull();
    const text = spawnSync('node', [BIN, 'check', join(CASES, 'early.yaml')], { encoding: 'utf8' }).stdout;
    expect(text).toMatch(/no zero of F found within ‖w − w̃‖∞ ≤ [0-9.]+ of the trained weights/);
    expect(text).toMatch(/the verified solve for the output weights, the hidden layers as trained, did not succeed either: .*past the radius/);
  });

  it('a narrow net (width 6 < d = 12): certified by Krawczyk on a column block', () => {
    const { cert } = check('narrow');
    expect(cert.results.find((t) => t.theorem === '2.1')!.verdict).toBe('certified');
    expect(cert.point!.distance).toBeLessThan(1e-3);
  });
});
