/**
 * The vocabulary of proofs: steps, theorems and their results. The evidence words they are built
 * from (verdicts, rigor grades, evidence, src/evidence.ts) are re-exported, so a theorem module
 * needs this one import.
 */
import type { Case } from '../cases/types.js';
import type { Evidence, Json } from '../evidence.js';
import type { Workspace } from '../workspace/workspace.js';

export {
  RIGORS,
  THEOREM_IDS,
  VERDICTS,
  checkExhaustive,
  fails,
  holds,
  unknown,
  weakest,
  type Evidence,
  type Json,
  type Rigor,
  type Verdict,
} from '../evidence.js';

export const THEOREM_VERDICTS = ['certified', 'supported', 'fails', 'inconclusive'] as const;
export type TheoremVerdict = (typeof THEOREM_VERDICTS)[number];

/** What a step is told while it runs: the case's shared computations and a progress hook. */
export interface StepContext {
  readonly case: Case;
  readonly ws: Workspace;
  /** report progress of long work, fraction in [0, 1] */
  progress(fraction: number, message?: string): void;
}

export interface Step {
  /** stable id that says what holds; goes into certificates */
  readonly id: string;
  /** a short title for lists */
  readonly title: string;
  /** the claim in words and formulas, and why it follows (for `explain` and the walkthrough) */
  readonly explain: string;
  /** ids of earlier steps that must hold for this one to run; otherwise it is skipped */
  readonly needs?: readonly string[];
  run(ctx: StepContext): Evidence | Promise<Evidence>;
  /**
   * Optional: called when the theorem starts, before any step runs, to begin in the background
   * (a worker thread) work that `run` will ask for. It decides nothing and returns nothing:
   * `run` computes the evidence, with or without what was begun.
   */
  prepare?(ctx: StepContext): void;
}

/** Claims a theorem makes about the case once its steps have run (SPEC.md certificate `claims`). */
export type Claims = { readonly [key: string]: Json };

export interface Theorem {
  /** the paper's number: '2.1', '2.2', '2.3', '3.3', '3.4', '4.1', '4.2' */
  readonly id: string;
  readonly title: string;
  /** one-line statement */
  readonly statement: string;
  /** hypotheses in words */
  readonly hypotheses: readonly string[];
  /** does the theorem's setting fit this case? (hypotheses are steps; this only says whether to run it by default) */
  fits(c: Case): boolean;
  /** the statement instantiated with this case's numbers */
  instantiate(c: Case, ws: Workspace): string;
  readonly steps: readonly Step[];
  /** the claims, computed from the steps' evidence (and the workspace) after they ran */
  claims(results: ReadonlyMap<string, Evidence>, ws: Workspace): Claims;
}

export interface StepResult extends Evidence {
  readonly id: string;
  readonly ms: number;
}

export interface TheoremResult {
  readonly theorem: string;
  readonly verdict: TheoremVerdict;
  readonly steps: readonly StepResult[];
  readonly claims: Claims;
}

/** Identity helper that keeps theorem modules typed object literals. */
export function defineTheorem(t: Theorem): Theorem {
  return t;
}
