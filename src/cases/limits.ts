/**
 * Size limits: cases past these would not fit in memory (or would take hours), so the loader
 * refuses them up front and states the limit.
 */
export const LIMITS = {
  /** bytes of a case file, and of a CSV file it names */
  fileBytes: 200_000_000,
  /** d, data points */
  rows: 1_000_000,
  /** m, input dimension */
  inputs: 100_000,
  /** d·m, numbers in x */
  cells: 50_000_000,
  /** k, output dimension */
  outputs: 1_000,
  /** each hidden width of an mlp */
  width: 1_000_000,
  /** n of an mlp */
  mlpParams: 200_000_000,
  /** nodes, and edges, of a dag */
  dagNodes: 1_000_000,
  dagEdges: 1_000_000,
  /** characters of an expression (model output, activation) */
  exprChars: 10_000,
  /** characters of a decimal string: longer numerals would cost quadratic BigInt time */
  decimalChars: 1_000,
  /** gradient descent steps of `point: {train: …}` */
  trainSteps: 100_000_000,
} as const;
