import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataFile } from '../../src/cases/confine.js';
import { FieldError } from '../../src/cases/errors.js';

/** A tree: root/cases/in.csv, root/cases/link.csv → root/secret/s.csv, root/secret/s.csv. */
function tree(): { root: string; cases: string; secret: string } {
  const root = mkdtempSync(join(tmpdir(), 'confine-'));
  const cases = join(root, 'cases');
  const secret = join(root, 'secret');
  mkdirSync(join(cases, 'sub'), { recursive: true });
  mkdirSync(secret);
  writeFileSync(join(cases, 'in.csv'), 'a,y\n1,2\n');
  writeFileSync(join(cases, 'sub', 'deep.csv'), 'a,y\n1,2\n');
  writeFileSync(join(secret, 's.csv'), 'TOKEN\nabc\n');
  symlinkSync(join(secret, 's.csv'), join(cases, 'link.csv'));
  symlinkSync(secret, join(cases, 'dirlink'));
  return { root, cases, secret };
}

const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(FieldError);
    return (e as FieldError).expected;
  }
  throw new Error('not refused');
};

describe('resolveDataFile', () => {
  const t = tree();
  const roots = { caseDir: t.cases, cwd: t.cases };
  const P = ['data', 'csv'];

  it('admits files in the case directory and below it', () => {
    expect(resolveDataFile('in.csv', P, roots)).toMatch(/in\.csv$/);
    expect(resolveDataFile('sub/../sub/deep.csv', P, roots)).toMatch(/deep\.csv$/);
  });

  it.each([
    ['a parent path', '../secret/s.csv'],
    ['an absolute path', '/etc/passwd'],
    ['the process environment', '/proc/self/environ'],
    ['a symlink out', 'link.csv'],
    ['a file through a linked directory', 'dirlink/s.csv'],
    ['a parent path that does not exist', '../nothing.csv'],
  ])('refuses %s, naming only the path', (_what, name) => {
    const why = refusal(() => resolveDataFile(name, P, roots));
    expect(why).toContain(JSON.stringify(name));
    expect(why).toContain('--allow-read');
    expect(why).not.toContain('TOKEN');
  });

  it('admits what --allow-read adds, symlinks included', () => {
    const allowed = { ...roots, allowRead: [t.secret] };
    expect(resolveDataFile('../secret/s.csv', P, allowed)).toMatch(/s\.csv$/);
    expect(resolveDataFile('link.csv', P, allowed)).toMatch(/s\.csv$/);
  });

  it('admits the working directory', () => {
    expect(resolveDataFile(join(t.secret, 's.csv'), P, { caseDir: t.cases, cwd: t.secret })).toMatch(/s\.csv$/);
  });

  it('does not take a sibling with a common prefix for the directory itself', () => {
    mkdirSync(`${t.cases}-evil`);
    writeFileSync(join(`${t.cases}-evil`, 'x.csv'), 'a\n1\n');
    expect(refusal(() => resolveDataFile('../cases-evil/x.csv', P, roots))).toContain('outside');
  });

  it('says a missing file inside is not found', () => {
    expect(refusal(() => resolveDataFile('gone.csv', P, roots))).toBe('file not found: gone.csv');
  });
});
