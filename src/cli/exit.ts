/** Exit codes of SPEC.md, and the one place results become an exit code. */
import type { TheoremVerdict } from '../proof/types.js';

export const EXIT = { ok: 0, fails: 1, usage: 2, inconclusive: 3, interrupted: 130 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** 1 if anything fails; else 3 if anything is inconclusive; else 0 (with requireCertified, supported counts as 3). */
export function exitCodeFor(verdicts: readonly TheoremVerdict[], requireCertified = false): ExitCode {
  if (verdicts.includes('fails')) return EXIT.fails;
  if (verdicts.includes('inconclusive')) return EXIT.inconclusive;
  if (requireCertified && verdicts.includes('supported')) return EXIT.inconclusive;
  return EXIT.ok;
}

/** Bad input or usage: one line on stderr, exit 2. */
export class UsageError extends Error {}
