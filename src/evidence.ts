/**
 * The words every floor shares: what a step found (a verdict), how sure it is (a rigor grade),
 * the evidence that carries both, and the theorem ids of the paper. Closed unions, so every switch
 * over them is exhaustive. Nothing here knows a case, a model or a step: the floors below the
 * proof vocabulary (points, symbolic) grade their findings with these words alone.
 */

export const VERDICTS = ['holds', 'fails', 'unknown', 'skipped'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** How sure a step is, strongest first (docs/contract.md "Verdicts and rigor"). */
export const RIGORS = ['exact', 'symbolic', 'interval', 'cited', 'float'] as const;
export type Rigor = (typeof RIGORS)[number];

/** Theorem ids of the paper, in its order. */
export const THEOREM_IDS = ['2.1', '2.2', '2.3', '3.3', '3.4', '4.1', '4.2'] as const;

/** JSON-safe data a step attaches to its evidence (numbers, strings, arrays, records). */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

export interface Evidence {
  readonly verdict: Verdict;
  readonly rigor: Rigor;
  /** one line in words, with this case's numbers */
  readonly summary: string;
  readonly data: { readonly [key: string]: Json };
}

/** Evidence builders: results are values, so a failing hypothesis is an answer, not an exception. */
export const holds = (rigor: Rigor, summary: string, data: Evidence['data'] = {}): Evidence => ({
  verdict: 'holds',
  rigor,
  summary,
  data,
});
export const fails = (rigor: Rigor, summary: string, data: Evidence['data'] = {}): Evidence => ({
  verdict: 'fails',
  rigor,
  summary,
  data,
});
export const unknown = (rigor: Rigor, summary: string, data: Evidence['data'] = {}): Evidence => ({
  verdict: 'unknown',
  rigor,
  summary,
  data,
});

/** The weakest of some rigor grades (RIGORS is ordered strongest first). */
export function weakest(...grades: Rigor[]): Rigor {
  return grades.reduce((a, b) => (RIGORS.indexOf(b) > RIGORS.indexOf(a) ? b : a), 'exact' as Rigor);
}

/** For the default branch of a switch that covers a closed union: a type error if one is missed. */
export function checkExhaustive(x: never): never {
  throw new Error(`unexpected value: ${String(x)}`);
}
