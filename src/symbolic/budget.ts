/**
 * Bounds on symbolic work: a deadline (the runner sets it to the end of the current step's time
 * budget, `--step-timeout`) and the size of what computer algebra is asked and answers. Symbolic
 * code checks them between calls and stops with SymbolicLimit, which the step reports as
 * `unknown` (or answers by its numeric route); no computer-algebra work runs unbounded.
 */

/** Symbolic work stopped by a bound: `message` says which, with the numbers. */
export class SymbolicLimit extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SymbolicLimit';
  }
}

let deadline = Infinity;
let budgetMs = Infinity;

/** Sets the deadline `ms` from now (Infinity: none); returns a function that restores the previous one. */
export function setSymbolicDeadline(ms: number): () => void {
  const before = { deadline, budgetMs };
  deadline = Number.isFinite(ms) ? performance.now() + ms : Infinity;
  budgetMs = ms;
  return () => {
    deadline = before.deadline;
    budgetMs = before.budgetMs;
  };
}

/** Milliseconds left before the deadline (Infinity without one). */
export function symbolicTimeLeft(): number {
  return deadline === Infinity ? Infinity : deadline - performance.now();
}

/** Throws SymbolicLimit once the deadline has passed; `what` names the work cut short. */
export function checkSymbolicDeadline(what: string): void {
  if (performance.now() > deadline) {
    throw new SymbolicLimit(`${what} did not finish within the step's time budget of ${budgetMs / 1000} s (--step-timeout)`);
  }
}
