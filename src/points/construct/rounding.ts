/**
 * Outward rounding without rounding modes, for the O(d²) kernels of the construction.
 *
 * `up(x)` is a float ≥ the successor of x and `down(x)` a float ≤ its predecessor, for every
 * finite x, when the arithmetic is IEEE 754 binary64 with round-to-nearest (true of JavaScript):
 * `x ± fl(fl(φ·|x|) + η)` with φ = 2⁻⁵³(1 + 2⁻⁵²) and η = 2⁻¹⁰⁷⁴ (Rump, Zimmermann, Boldo and
 * Melquiond, "Computing predecessor and successor in rounding to nearest", BIT 49, 2009). So a
 * float result r of one correctly rounded operation (error ≤ ½ ulp) has its exact value in
 * [down(r), up(r)]; `Math.exp` and `Math.log` (within 1 ulp in V8) take two steps.
 *
 * Two floating-point operations per step, against a DataView round trip for nextUp: this is what
 * makes the interval enclosure of a 2,000 × 2,000 triangular system cost tens of milliseconds.
 * Infinite and NaN arguments are returned as they are (∞ stays ∞; −∞ + ∞ must not make NaN).
 */

const PHI = 2 ** -53 * (1 + 2 ** -52);
const ETA = 2 ** -1074;

/** A float ≥ the successor of x (x itself when x is ±∞ or NaN). */
export function up(x: number): number {
  const e = PHI * Math.abs(x) + ETA;
  return e === Infinity ? x : x + e;
}

/** A float ≤ the predecessor of x (x itself when x is ±∞ or NaN). */
export function down(x: number): number {
  const e = PHI * Math.abs(x) + ETA;
  return e === Infinity ? x : x - e;
}

/** Two steps up, for results of functions accurate to 1 ulp. */
export const up2 = (x: number): number => up(up(x));
/** Two steps down. */
export const down2 = (x: number): number => down(down(x));
