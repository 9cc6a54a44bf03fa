/**
 * The walkthrough as a person meets it, in a real terminal (tmux, the built binary): a failing
 * case at 80 × 24, 120 × 40 and 60 × 20 opens on the step that fails, under a claim that says it
 * does not hold here and why; the keys stay on screen; Ctrl-C exits 130; NO_COLOR draws no colour.
 * Without a terminal, `walk FILE` takes the file as the case.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, ensureBuilt } from '../helpers/built.js';

beforeAll(() => ensureBuilt(), 180_000);
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const SOCKET = join(tmpdir(), `overparam-sizes-${process.pid}.sock`);
const TUI_ENV = { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };

const tmux = (...args: string[]): string => execFileSync('tmux', ['-u', '-S', SOCKET, ...args], { encoding: 'utf8', env: TUI_ENV });
const screen = (s: string, escapes = false): string => tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', s);

async function until(s: string, ok: (x: string) => boolean, what: string, ms = 60_000): Promise<string> {
  const deadline = Date.now() + ms;
  for (;;) {
    const x = screen(s);
    if (ok(x)) return x;
    if (Date.now() > deadline) throw new Error(`the screen never showed ${what}; it shows:\n${x}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let sessions = 0;
/** Starts `overparam ARGS` in a new tmux session of the given size; returns its name. */
function start(columns: number, rows: number, args: string, env = ''): string {
  const name = `sizes-${process.pid}-${sessions++}`;
  const command = `env -u CI -u CONTINUOUS_INTEGRATION ${env} node ${BIN} ${args}; echo "exit=$?"; sleep 600`;
  tmux('new-session', '-d', '-s', name, '-x', String(columns), '-y', String(rows), '-c', ROOT, command);
  return name;
}

const stepRows = (x: string): string[] => x.split('\n').filter((l) => /^[› ] [✓✗?–] +\d+\./.test(l));
const selected = (x: string): string => x.split('\n').find((l) => l.startsWith('› ')) ?? '';

describe.skipIf(!hasTmux)('a failing case in a terminal of each size', () => {
  afterAll(() => {
    spawnSync('tmux', ['-S', SOCKET, 'kill-server'], { stdio: 'ignore' });
    rmSync(SOCKET, { force: true });
  });

  it.each([
    [80, 24, 6],
    [120, 40, 14],
    [60, 20, 5],
  ])('at %i × %i: opens on the failing step with the reason, %i step rows and the keys in view', async (columns, rows, minRows) => {
    const s = start(columns, rows, 'walk cases/tanh.yaml');
    const x = await until(s, (y) => y.includes('Theorem 4.1: fails'), 'the verdict');
    for (const line of x.split('\n')) expect([...line].length).toBeLessThanOrEqual(columns);
    expect(selected(x)).toMatch(/✗ +2\. σ vanishes for t ≤ 0/);
    expect(x).toContain('Step 2/14  activation-vanishes-nonpositive');
    expect(x).toContain('✗ It does not hold on this case: step 2');
    expect(x).toContain('hint: ');
    expect(stepRows(x).length).toBeGreaterThanOrEqual(minRows);
    expect(x).toContain('q:quit');
    // the titles are whole beside the detail at 120 columns
    if (columns >= 120) for (const row of stepRows(x)) expect(row).not.toContain('…');
  });

  it('Ctrl-C exits 130', async () => {
    const s = start(80, 24, 'walk cases/xor.yaml');
    await until(s, (y) => y.includes('Theorem 4.1: certified'), 'the verdict');
    tmux('send-keys', '-t', s, 'C-c');
    const x = await until(s, (y) => y.includes('exit='), 'the exit');
    expect(x).toContain('exit=130');
  });

  it('draws in colour, and without colour under NO_COLOR', async () => {
    const colourEscape = /\u001B\[(3[0-7]|9[0-7])m/;
    const plain = start(80, 24, 'walk cases/xor.yaml', 'NO_COLOR=1');
    const coloured = start(80, 24, 'walk cases/xor.yaml');
    await until(plain, (y) => y.includes('Theorem 4.1: certified'), 'the verdict');
    await until(coloured, (y) => y.includes('Theorem 4.1: certified'), 'the verdict');
    expect(screen(plain, true)).not.toMatch(colourEscape);
    expect(screen(coloured, true)).toMatch(colourEscape);
  });
});

describe('walk FILE without a terminal', () => {
  const walk = (...args: string[]) => spawnSync('node', [BIN, 'walk', ...args], { cwd: ROOT, encoding: 'utf8', input: '' });

  it('takes the file as the case', () => {
    const r = walk('cases/tanh.yaml');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('case tanh');
    expect(r.stdout).toContain('Theorem 4.1: fails');
    expect(r.stdout).toContain('It does not hold on this case: step 2');
  });

  it('takes a theorem and a file, in either order', () => {
    for (const args of [['2.1', 'cases/tanh.yaml'], ['cases/tanh.yaml', '2.1']]) {
      const r = walk(...args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout).toContain('case tanh');
      expect(r.stdout).toContain('Theorem 2.1: certified');
    }
  });

  it('refuses what is neither, in one line, with exit 2', () => {
    const r = walk('nonsense');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('"nonsense" is neither a theorem');
    const two = walk('cases/xor.yaml', '--case', 'cases/tanh.yaml');
    expect(two.status).toBe(2);
    expect(two.stderr).toContain('one case at a time');
  });
});
