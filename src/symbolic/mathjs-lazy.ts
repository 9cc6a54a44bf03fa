/**
 * mathjs, loaded the first time a caller needs it. Its ES module entry builds every one of its
 * several hundred functions eagerly when imported (about 0.7 s, paid by every process that
 * imports any module reaching it, `overparam theorems` included); the package's single-file
 * build of the same version creates each function on first use, so a process pays only for
 * what it calls (parse, derivative, the node classes) and one that never calls mathjs pays
 * nothing. Same package, same version: only the packaging differs.
 */
import { createRequire } from 'node:module';
import type * as MathJsModule from 'mathjs';

/** The mathjs namespace, as its type declarations describe it. */
export type MathJs = typeof MathJsModule;

let instance: MathJs | undefined;

/** The mathjs namespace, loaded on the first call. */
export function mathjs(): MathJs {
  instance ??= createRequire(import.meta.url)('mathjs/lib/browser/math.js') as MathJs;
  return instance;
}
