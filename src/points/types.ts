/**
 * A point of M = F⁻¹(0) for a case, however it was found: constructed (Lemma 3.3 / Corollary
 * 3.4), searched (Gauss–Newton / Levenberg–Marquardt), trained, or given.
 */
import type { Interval } from '../kernel/interval.js';
import type { Json } from '../evidence.js';

export type PointMethod = 'construct' | 'search' | 'train' | 'params' | 'trained';

export type PointOutcome =
  | {
      readonly found: true;
      readonly method: PointMethod;
      /** the parameters, in the model's order */
      readonly values: Float64Array;
      /** a box proven to hold a true zero of F, one interval per parameter, where one was proven */
      readonly enclosure?: readonly Interval[];
      /** how it was found, in words */
      readonly summary: string;
      readonly data: { readonly [key: string]: Json };
    }
  | {
      readonly found: false;
      readonly method: PointMethod;
      /** why no point, in words */
      readonly reason: string;
      readonly data: { readonly [key: string]: Json };
    };
