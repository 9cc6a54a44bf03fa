import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaseError } from '../../src/cases/load.js';
import { caseFromObject } from '../../src/models/case.js';
import { rat, type Rational } from '../../src/kernel/rational.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'trained', 'arrays');
const REF = JSON.parse(readFileSync(join(DIR, 'reference.json'), 'utf8')) as {
  X: string[][];
  X32: string[][];
  XI: number[][];
  Y: string[];
  pixels: number[][];
  labels: number[];
};

/** Python's float.hex ('0x1.8000000000000p+1', '-0x0.0p+0') as an exact rational, by BigInt only. */
function hexFloat(s: string): Rational {
  const m = /^(-?)0x([01])\.([0-9a-f]+)p([+-]\d+)$/.exec(s);
  if (m === null) throw new Error(`not a float.hex string: ${s}`);
  const frac = m[3]!;
  let num = BigInt(`0x${m[2]}${frac}`);
  const e = BigInt(m[4]!) - BigInt(4 * frac.length);
  if (m[1] === '-') num = -num;
  let den = 1n;
  if (e >= 0n) num *= 2n ** e;
  else den = 2n ** -e;
  return rat(num, den);
}

const int = (v: number): Rational => rat(BigInt(v));

const load = (data: unknown, dir = DIR) =>
  caseFromObject({ data, model: { kind: 'mlp', hidden: [4], activation: 'tanh' }, point: 'search' }, join(dir, 'case.yaml'));

function message(data: unknown, dir = DIR): string {
  try {
    load(data, dir);
  } catch (e) {
    if (e instanceof CaseError) return e.message;
    throw e;
  }
  throw new Error('no CaseError');
}

describe('npy files written by numpy', () => {
  const refX = REF.X.map((r) => r.map(hexFloat));
  const refX32 = REF.X32.map((r) => r.map(hexFloat));
  const refXI = REF.XI.map((r) => r.map(int));
  it.each([
    ['x_f8_le_c', refX],
    ['x_f8_be_c', refX],
    ['x_f8_le_f', refX],
    ['x_f4_le_c', refX32],
    ['x_f4_be_f', refX32],
    ['x_i8_le_c', refXI],
    ['x_i4_be_c', refXI],
    ['x_i2_le_f', refXI],
    ['x_u1', REF.XI.map((r) => r.map((v) => int(Math.abs(v))))],
  ])('%s holds the reference values exactly', (name, ref) => {
    const c = load({ npy: { x: `${name}.npy`, y: 'y_f8.npy' } });
    expect(c.data.d).toBe(5);
    expect(c.data.m).toBe(3);
    expect(c.data.k).toBe(1);
    expect(c.data.xExact).toEqual(ref);
    expect(c.data.x.map((r) => Array.from(r))).toEqual(ref.map((r) => r.map((q) => Number(q.num) / Number(q.den))));
    expect(c.data.yExact.map((r) => r[0])).toEqual(REF.Y.map(hexFloat));
  });

  it('reads a 2-D y as k outputs', () => {
    const c = load({ npy: { x: 'x_f8_le_c.npy', y: 'y_k3_f4.npy' } });
    expect(c.data.k).toBe(3);
    expect(c.data.yExact).toEqual(refX32);
  });

  it('limit keeps the first rows and says so', () => {
    const c = load({ npy: { x: 'x_f8_le_c.npy', y: 'y_f8.npy' }, limit: 2 });
    expect(c.data.d).toBe(2);
    expect(c.data.xExact).toEqual(refX.slice(0, 2));
    expect(c.data.notes.join(' ')).toContain('first 2 rows of 5');
  });
});

describe('npz archives written by numpy', () => {
  it('reads a stored archive', () => {
    const c = load({ npz: 'stored.npz' });
    expect(c.data.xExact).toEqual(REF.X.map((r) => r.map(hexFloat)));
    expect(c.data.yExact.map((r) => r[0])).toEqual(REF.Y.map(hexFloat));
  });
  it('reads a deflated archive (savez_compressed)', () => {
    const c = load({ npz: 'deflated.npz', limit: 3 });
    expect(c.data.d).toBe(3);
    expect(c.data.xExact).toEqual(REF.X32.slice(0, 3).map((r) => r.map(hexFloat)));
  });
});

describe('IDX files', () => {
  it.each([['images-idx3-ubyte', 'labels-idx1-ubyte'], ['images-idx3-ubyte.gz', 'labels-idx1-ubyte.gz']])('%s: images become rows of pixels', (images, labels) => {
    const c = load({ idx: { images, labels } });
    expect(c.data.m).toBe(6);
    expect(c.data.xExact).toEqual(REF.pixels.map((r) => r.map(int)));
    expect(c.data.yExact).toEqual(REF.labels.map((v) => [int(v)]));
  });
});

/** A .npy file of our own writing (the format by its documentation), for hostile variants. */
function npy(descr: string, shape: readonly number[], body: Uint8Array, fortran = false): Uint8Array {
  let header = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const out = new Uint8Array(10 + header.length + body.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(Buffer.from(header, 'latin1'), 10);
  out.set(body, 10 + header.length);
  return out;
}

const f64 = (vals: readonly number[], little = true): Uint8Array => {
  const b = new Uint8Array(8 * vals.length);
  const v = new DataView(b.buffer);
  vals.forEach((x, i) => v.setFloat64(8 * i, x, little));
  return b;
};

function tmpCase(files: Record<string, Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'overparam-arrays-'));
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  return dir;
}

describe('malformed array files get one line naming the file, the field and what was expected', () => {
  const y = npy('<f8', [2], f64([1, 2]));
  const x = npy('<f8', [2, 1], f64([3, 4]));
  it.each([
    ['a truncated body', npy('<f8', [2, 3], f64([1, 2, 3])), /data\.npy\.x: x\.npy: data: shape \(2, 3\) of <f8 needs 48 bytes, the file has 24/],
    ['a complex dtype', npy('<c16', [2, 1], f64([1, 2, 3, 4])), /x\.npy: header 'descr': expected a float32\/float64/],
    ['an object dtype', npy('|O', [2, 1], new Uint8Array(16)), /header 'descr'/],
    ['a huge shape claim', npy('<f8', [100000, 100000, 100000], new Uint8Array(0)), /x\.npy: header 'shape': shape \(100000, 100000, 100000\) holds more than/],
    ['no magic', new TextEncoder().encode('x,y\n1,2\n'), /x\.npy: magic: expected a \.npy file/],
    ['a header past the file', npy('<f8', [2, 1], f64([3, 4])).subarray(0, 30), /x\.npy: header: the file ends inside the header/],
    ['a NaN', npy('<f8', [2, 1], f64([3, NaN])), /x\.npy: element 1: expected a finite number, got NaN/],
  ])('%s', (_what, bytes, re) => {
    const dir = tmpCase({ 'x.npy': bytes, 'y.npy': y });
    const msg = message({ npy: { x: 'x.npy', y: 'y.npy' } }, dir);
    expect(msg).toMatch(re);
    expect(msg).not.toContain('\n');
    expect(msg).toContain('case.yaml: data.npy.x:');
  });

  it('rows of x and y must agree', () => {
    const dir = tmpCase({ 'x.npy': x, 'y.npy': npy('<f8', [3], f64([1, 2, 3])) });
    expect(message({ npy: { x: 'x.npy', y: 'y.npy' } }, dir)).toMatch(/data\.npy\.y: y\.npy: expected 2 rows \(one per row of x\.npy\), got 3/);
  });

  it('a missing file is named', () => {
    expect(message({ npy: { x: 'nope.npy', y: 'y_f8.npy' } })).toMatch(/data\.npy\.x: file not found: nope\.npy/);
  });

  /** A one-member zip, stored or deflated, with a correct CRC unless told otherwise. */
  function zip(members: Record<string, Uint8Array>, deflate = false): Uint8Array {
    const parts: Buffer[] = [];
    const central: Buffer[] = [];
    let offset = 0;
    for (const [name, data] of Object.entries(members)) {
      const body = deflate ? deflateRawSync(data) : Buffer.from(data);
      const nm = Buffer.from(name);
      const crc = crc32(data);
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(deflate ? 8 : 0, 8);
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(body.length, 18);
      local.writeUInt32LE(data.length, 22);
      local.writeUInt16LE(nm.length, 26);
      const c = Buffer.alloc(46);
      c.writeUInt32LE(0x02014b50, 0);
      c.writeUInt16LE(deflate ? 8 : 0, 10);
      c.writeUInt32LE(crc, 16);
      c.writeUInt32LE(body.length, 20);
      c.writeUInt32LE(data.length, 24);
      c.writeUInt16LE(nm.length, 28);
      c.writeUInt32LE(offset, 42);
      parts.push(local, nm, body);
      central.push(c, nm);
      offset += 30 + nm.length + body.length;
    }
    const dir = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(Object.keys(members).length, 8);
    end.writeUInt16LE(Object.keys(members).length, 10);
    end.writeUInt32LE(dir.length, 12);
    end.writeUInt32LE(offset, 16);
    return Buffer.concat([...parts, dir, end]);
  }

  /** CRC-32 (IEEE), bit by bit: an independent reference for the archive writer above. */
  function crc32(data: Uint8Array): number {
    let c = 0xffffffff;
    for (const b of data) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    }
    return (c ^ 0xffffffff) >>> 0;
  }

  it('our own zip writer round-trips, stored and deflated', () => {
    for (const deflate of [false, true]) {
      const dir = tmpCase({ 'd.npz': zip({ 'x.npy': x, 'y.npy': y }, deflate) });
      expect(load({ npz: 'd.npz' }, dir).data.x.map((r) => r[0])).toEqual([3, 4]);
    }
  });

  it.each([
    ['not a zip', () => new TextEncoder().encode('hello'), /d\.npz: zip: expected a zip archive/],
    ['a missing array', () => zip({ 'x.npy': x }), /d\.npz: array "y": missing: expected arrays x and y \(the archive has: x\)/],
    ['a damaged CRC', () => {
      const z = zip({ 'x.npy': x, 'y.npy': y });
      z[40] = z[40]! ^ 0xff; // inside x.npy's stored bytes
      return z;
    }, /CRC-32 does not match/],
    ['a truncated archive', () => zip({ 'x.npy': x, 'y.npy': y }).subarray(0, 150), /d\.npz: zip: expected a zip archive/],
    ['a bad member', () => zip({ 'x.npy': x.subarray(0, 20), 'y.npy': y }), /d\.npz: x\.npy header: the file ends inside the header/],
  ])('npz: %s', (_what, make, re) => {
    const dir = tmpCase({ 'd.npz': make() });
    const msg = message({ npz: 'd.npz' }, dir);
    expect(msg).toMatch(re);
    expect(msg).toContain('data.npz:');
  });

  it('IDX: a bad type code, a truncated body, damaged gzip', () => {
    const labels = readFileSync(join(DIR, 'labels-idx1-ubyte'));
    const bad = Buffer.from(labels);
    bad[2] = 0x07;
    const dir = tmpCase({ 'l': labels, 'bad': bad, 'short': labels.subarray(0, 10), 'gz': gzipSync(labels).subarray(0, 15) });
    expect(message({ idx: { images: 'bad', labels: 'l' } }, dir)).toMatch(/data\.idx\.images: bad: type code: expected 0x08/);
    expect(message({ idx: { images: 'short', labels: 'l' } }, dir)).toMatch(/short: data: dimensions 5 of ubyte need 5 bytes, the file has 2/);
    expect(message({ idx: { images: 'gz', labels: 'l' } }, dir)).toMatch(/gz: gzip: the gzip data are damaged or truncated/);
  });

  it('random shapes, dtypes and byte orders read back exactly; any corruption is a one-line CaseError', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 24, maxLength: 24 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 255 }),
        (d, m, little, fortran, vals, at, byte) => {
          const body = new Uint8Array(8 * d * m);
          const view = new DataView(body.buffer);
          // element (i, j) at its position in the chosen memory order
          for (let i = 0; i < d; i++) for (let j = 0; j < m; j++) view.setFloat64(8 * (fortran ? j * d + i : i * m + j), vals[i * m + j]!, little);
          const file = npy(little ? '<f8' : '>f8', [d, m], body, fortran);
          const yFile = npy('<f8', [d], f64(Array.from({ length: d }, (_, i) => i)));
          const dir = tmpCase({ 'x.npy': file, 'y.npy': yFile });
          const c = load({ npy: { x: 'x.npy', y: 'y.npy' } }, dir);
          for (let i = 0; i < d; i++) for (let j = 0; j < m; j++) expect(c.data.x[i]![j]).toBe(vals[i * m + j]);
          const broken = Uint8Array.from(file);
          broken[at % broken.length] = byte;
          writeFileSync(join(dir, 'x.npy'), broken.subarray(0, at % (broken.length + 1) === 0 ? broken.length : broken.length - (at % 7)));
          try {
            load({ npy: { x: 'x.npy', y: 'y.npy' } }, dir);
          } catch (e) {
            expect(e).toBeInstanceOf(CaseError);
            expect((e as Error).message).not.toContain('\n');
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
