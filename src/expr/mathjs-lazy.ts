/**
 * mathjs, loaded the first time a caller needs it. Its ES module entry builds every one of its
 * several hundred functions eagerly when imported (about 0.7 s, paid by every process that
 * imports any module reaching it, `overparam theorems` included); the package's single-file
 * build of the same version creates each function on first use, so a process pays only for
 * what it calls (parse, derivative, the node classes) and one that never calls mathjs pays
 * nothing. Same package, same version: only the packaging differs.
 *
 * Compiling that file is a good part of what is left (about 60 ms of some 150), so its V8 code
 * cache is kept next to the installed packages (node_modules/.cache/overparam), the way Node 22's
 * module compile cache does it: the same source runs, V8 checks the cache against the source
 * and its own version and flags and ignores it when they differ, and any trouble reading or
 * writing it just means compiling as usual.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import type * as MathJsModule from 'mathjs';

/** The mathjs namespace, as its type declarations describe it. */
export type MathJs = typeof MathJsModule;

let instance: MathJs | undefined;

/** The mathjs namespace, loaded on the first call. */
export function mathjs(): MathJs {
  instance ??= load();
  return instance;
}

function load(): MathJs {
  const require = createRequire(import.meta.url);
  const file = require.resolve('mathjs/lib/browser/math.js');
  try {
    return loadWithCodeCache(file, require);
  } catch {
    return require(file) as MathJs;
  }
}

/** Runs the bundle as CommonJS would, compiled with (and afterwards into) a V8 code cache. */
function loadWithCodeCache(file: string, require: NodeJS.Require): MathJs {
  const source = readFileSync(file, 'utf8');
  const cacheFile = codeCachePath(file, source);
  let cached: Buffer | undefined;
  try {
    cached = readFileSync(cacheFile);
  } catch {
    cached = undefined;
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cached ? { cachedData: cached } : {}),
  });
  const module = { exports: {} as unknown };
  const run = script.runInThisContext() as (e: unknown, r: NodeJS.Require, m: { exports: unknown }, f: string, d: string) => void;
  run.call(module.exports, module.exports, require, module, file, dirname(file));
  if (cached === undefined || script.cachedDataRejected === true) {
    // written once the current task is done, so the functions it compiled on first use are in it
    setImmediate(() => writeCodeCache(cacheFile, () => script.createCachedData()));
  }
  return module.exports as MathJs;
}

/**
 * node_modules/.cache/overparam/mathjs-<hash>.v8, the hash of the source, Node, the platform and
 * the flags Node runs with (V8 refuses a cache made under other flags: one file per set).
 */
function codeCachePath(file: string, source: string): string {
  // file is …/node_modules/mathjs/lib/browser/math.js
  const nodeModules = dirname(dirname(dirname(dirname(file))));
  const runtime = `${process.version} ${process.arch} ${process.platform} ${process.execArgv.join(' ')}\n`;
  const key = createHash('sha256').update(runtime).update(source).digest('hex').slice(0, 16);
  return join(nodeModules, '.cache', 'overparam', `mathjs-${key}.v8`);
}

function writeCodeCache(cacheFile: string, data: () => Buffer): void {
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    const tmp = `${cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, data());
    renameSync(tmp, cacheFile);
  } catch {
    // a read-only installation compiles every time
  }
}
