/**
 * Seeded pseudo-random numbers for every random choice the tool makes (search starts, sampled
 * points of M, label perturbations): same case and seed, same certificate.
 *
 * The generator is SplitMix32 (a 32-bit variant of Steele–Lea–Flood's SplitMix): small, fast,
 * and good enough to spread starting points; nothing here needs cryptographic quality.
 */

/** A seeded stream of numbers. */
export interface Rng {
  /** the next 32-bit unsigned integer */
  nextU32(): number;
  /** uniform in [0, 1), with 32 random bits (so every value is an exact dyadic k/2³²) */
  uniform(): number;
  /** standard normal (Box–Muller on two uniforms) */
  normal(): number;
}

/**
 * A generator for `seed`, optionally split by a `stream` label so that independent uses of one
 * case seed (the search, the perturbation, the sampling) do not share numbers.
 */
export function rngFor(seed: number, stream = ''): Rng {
  let state = (Math.trunc(seed) ^ hashLabel(stream)) >>> 0;
  const nextU32 = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const uniform = (): number => nextU32() / 2 ** 32;
  let spare: number | undefined;
  const normal = (): number => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    // 1 − u lies in (0, 1], so the logarithm is finite.
    const r = Math.sqrt(-2 * Math.log(1 - uniform()));
    const theta = 2 * Math.PI * uniform();
    spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  };
  return { nextU32, uniform, normal };
}

/** FNV-1a of a label, so that named streams start far apart. */
function hashLabel(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
