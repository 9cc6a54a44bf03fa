/**
 * A case's shared computations, each done once however many theorems and steps ask for it
 * (the model, the point of M, the Jacobian there). Modules add their own entries through
 * `memo`, so the workspace does not need to know them in advance.
 */
import type { Case } from '../cases/types.js';

export class Workspace {
  private readonly cache = new Map<string, unknown>();

  constructor(readonly case_: Case) {}

  /** The value of `compute()` under `key`, computed at most once per case. */
  memo<T>(key: string, compute: () => T): T {
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const value = compute();
    this.cache.set(key, value);
    return value;
  }

  /** Whether `key` has been computed (the certificate reports the point only if something found it). */
  has(key: string): boolean {
    return this.cache.has(key);
  }
}
