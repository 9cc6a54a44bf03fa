/**
 * `point.distance` of a trained network's certificate: the claim that every point of the
 * enclosure box, so in particular the true zero w* it holds, lies within `distance` of the
 * weights the user trained (`point.trained`) in the max norm. Decided exactly: a float test
 * settles most coordinates, and the rest are compared as rationals.
 */
import { nextUp } from '../interval.js';
import { cmp, fromNumber, sub } from '../rational.js';

export type DistanceFact = { readonly ok: true; readonly far: number } | { readonly ok: false; readonly why: string };

/** |a − b| ≤ r, exactly, for finite floats. */
function within(a: number, b: number, r: number): boolean {
  // fl(|a − b|) is within half an ulp of |a − b|, so one step up bounds it
  if (nextUp(Math.abs(a - b)) <= r) return true;
  const diff = sub(fromNumber(a), fromNumber(b));
  const abs = diff.num < 0n ? { num: -diff.num, den: diff.den } : diff;
  return cmp(abs, fromNumber(r)) <= 0;
}

/**
 * Whether max over the box of ‖w − trained‖∞ ≤ distance. `far`: the float farthest-corner
 * distance seen (informative only).
 */
export function distanceFact(box: readonly (readonly [number, number])[], trained: readonly number[], distance: number): DistanceFact {
  if (trained.length !== box.length) return { ok: false, why: `point.trained has ${trained.length} values for ${box.length} parameters` };
  if (!(distance >= 0) || !Number.isFinite(distance)) return { ok: false, why: `a distance ${distance} that is not a finite number ≥ 0` };
  let far = 0;
  for (let j = 0; j < box.length; j++) {
    const [lo, hi] = box[j]!;
    const t = trained[j]!;
    if (!Number.isFinite(t)) return { ok: false, why: `point.trained[${j}] = ${t} is not finite` };
    if (!within(hi, t, distance) || !within(lo, t, distance)) {
      return { ok: false, why: `coordinate ${j}: the box [${lo}, ${hi}] reaches ${Math.max(Math.abs(hi - t), Math.abs(t - lo)).toExponential(3)} from the trained value ${t}, beyond ${distance}` };
    }
    far = Math.max(far, Math.abs(hi - t), Math.abs(t - lo));
  }
  return { ok: true, far };
}
