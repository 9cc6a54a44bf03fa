/**
 * Where a case may read from. A case file can come from someone else, so the data files it names
 * (csv, and every other data source) are confined: a name resolves against the case file's
 * directory and, with symlinks resolved, must lie inside that directory, the working directory,
 * or a directory the user allowed (`--allow-read DIR`). Anything else is refused before it is
 * opened, and the refusal names only the path the case wrote, never anything from the file.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { FieldError, fail, fmtInt, fsProblem, type Path } from './errors.js';
import { LIMITS } from './limits.js';

/** The directories a case may read data files from. */
export interface ReadRoots {
  /** the case file's directory: relative names resolve against it */
  readonly caseDir: string;
  /** directories the user allowed besides the case's directory and the working directory */
  readonly allowRead?: readonly string[];
  /** the working directory; default process.cwd() */
  readonly cwd?: string;
}

/** Whether `file` is `dir` or lies below it (both absolute and normalised). */
function inside(file: string, dir: string): boolean {
  const rel = relative(dir, file);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

/** A directory's real path, or its resolved path when it does not exist (nothing lies in it then). */
function realDir(dir: string): string {
  try {
    return realpathSync(resolve(dir));
  } catch {
    return resolve(dir);
  }
}

/** The roots, both as written (resolved) and with symlinks resolved. */
function rootsOf(roots: ReadRoots): { lexical: string[]; real: string[] } {
  const dirs = [roots.caseDir, roots.cwd ?? process.cwd(), ...(roots.allowRead ?? [])].map((d) => resolve(d));
  return { lexical: dirs, real: dirs.map(realDir) };
}

const REFUSED = 'lies outside the case file\'s directory and the working directory (allow its directory with --allow-read DIR)';

/**
 * The real path of the data file `name` (as the case wrote it, at field `path`), after checking
 * that it lies inside the allowed directories; a FieldError otherwise. Nothing is opened: the
 * name is checked as written first (so a path outside is refused without touching it), then
 * with symlinks resolved (so a link inside cannot point outside).
 */
export function resolveDataFile(name: string, path: Path, roots: ReadRoots): string {
  if (name.includes('\0')) fail(path, 'a file name cannot contain a NUL character');
  const shown = JSON.stringify(name);
  const { lexical, real } = rootsOf(roots);
  const file = resolve(roots.caseDir, name);
  const allowed = (f: string, dirs: readonly string[]): boolean => dirs.some((d) => inside(f, d));
  if (!allowed(file, lexical) && !allowed(file, real)) fail(path, `${shown} ${REFUSED}`);
  let target: string;
  try {
    target = realpathSync(file);
  } catch (e) {
    fail(path, `${fsProblem(e)}: ${name}`);
  }
  if (!allowed(target, real)) fail(path, `${shown} ${REFUSED}`);
  return target;
}

/**
 * Reads a file named in the case at `path`, confined to `roots` (confine.ts), refusing a missing,
 * non-regular or oversized file. `shown` is the name as the case wrote it.
 */
export function readDataFile(roots: ReadRoots, shown: string, path: Path): Buffer {
  const file = resolveDataFile(shown, path, roots);
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) fail(path, `not a file: ${shown}`);
    size = st.size;
  } catch (e) {
    if (e instanceof FieldError) throw e;
    fail(path, `${fsProblem(e)}: ${shown}`);
  }
  if (size > LIMITS.fileBytes) fail(path, `${shown} is ${fmtInt(size)} bytes; the limit is ${fmtInt(LIMITS.fileBytes)}`);
  return readFileSync(file);
}
