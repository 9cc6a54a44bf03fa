/**
 * 200-bit references for the streamed construction's tests: decimal.js at 65 significant digits,
 * exact conversion of binary64 numbers to decimals, and an exact membership test.
 */
import { Decimal } from 'decimal.js';

export const Dec = Decimal.clone({ precision: 65, rounding: Decimal.ROUND_HALF_EVEN, minE: -9e15, maxE: 9e15 });
export type Dec = InstanceType<typeof Dec>;

const view = new DataView(new ArrayBuffer(8));
const TWO = new Dec(2);

/** The exact decimal value of a finite double (not its shortest decimal string). */
export function exact(x: number): Dec {
  if (x === 0) return new Dec(0);
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const ex = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (ex === 0) e = -1074;
  else {
    m |= 1n << 52n;
    e = ex - 1075;
  }
  const v = new Dec(m.toString()).times(TWO.pow(e));
  return hi >>> 31 ? v.neg() : v;
}

/** Whether lo ≤ ref ≤ hi exactly (±∞ endpoints unbounded); a cheap float test first. */
export function encloses(lo: number, hi: number, ref: Dec): boolean {
  if (!(lo <= hi)) return false;
  if (!ref.isFinite()) return ref.isNeg() ? lo === -Infinity : hi === Infinity;
  const r = ref.toNumber(); // correctly rounded
  if (lo < r && r < hi) return true; // then ref lies within half a gap of r, inside [lo, hi]
  const loOk = lo === -Infinity || (Number.isFinite(lo) && exact(lo).lte(ref));
  const hiOk = hi === Infinity || (Number.isFinite(hi) && ref.lte(exact(hi)));
  return loOk && hiOk;
}

