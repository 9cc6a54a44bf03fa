/**
 * The walkthrough in a real terminal: tmux runs the built binary at 80 × 24, keys move through
 * every step, and each step's verdict on screen must be the one the runner gives in batch.
 * Without a terminal the same command prints the walkthrough as text and exits 0.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCase } from '../../src/models/case.js';
import { runTheorem } from '../../src/proof/runner.js';
import type { StepResult, Theorem } from '../../src/proof/types.js';
import { Workspace } from '../../src/workspace/workspace.js';
import { verdictMark } from '../../src/ui/words.js';
import { findTheorem } from '../../theorems/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'dist/src/cli/bin.js');
const THEOREM = '4.1';
const CASE = 'cases/xor.yaml';
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
// A server of our own, so the test neither sees nor disturbs anyone's tmux.
const SOCKET = join(tmpdir(), `overparam-e2e-${process.pid}.sock`);
const SESSION = `walk-${Date.now()}`;
const TUI_ENV = { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (/\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds dist/ when it is missing or older than the sources (npm test builds first anyway). */
function ensureBuilt(): void {
  const built = existsSync(BIN) ? statSync(BIN).mtimeMs : 0;
  if (built >= Math.max(newestSource(join(ROOT, 'src')), newestSource(join(ROOT, 'theorems')))) return;
  // tsc writes its output even when some file has a type error; the binary is what matters here.
  spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'ignore' });
  if (!existsSync(BIN)) throw new Error(`the build did not produce ${BIN}`);
}

const tmux = (...args: string[]): string => execFileSync('tmux', ['-u', '-S', SOCKET, ...args], { encoding: 'utf8', env: TUI_ENV });
const screen = (): string => tmux('capture-pane', '-p', '-t', SESSION);
const keys = (...k: string[]): void => void tmux('send-keys', '-t', SESSION, ...k);

/** Polls the pane until `ok` holds (generous deadline: a loaded CI machine is slow). */
async function until(ok: (s: string) => boolean, what: string, ms = 30_000): Promise<string> {
  const deadline = Date.now() + ms;
  for (;;) {
    const s = screen();
    if (ok(s)) return s;
    if (Date.now() > deadline) throw new Error(`the screen never showed ${what}; it shows:\n${s}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The verdict line of a step's detail: "✓ holds · exact ·". */
const verdictLine = (r: StepResult): string => `${verdictMark(r.verdict)} ${r.verdict} · ${r.rigor} ·`;

describe.skipIf(!hasTmux)('overparam walk in a terminal (tmux)', () => {
  let theorem: Theorem;
  let expected: readonly StepResult[];
  let verdict: string;

  beforeAll(async () => {
    ensureBuilt();
    const t = findTheorem(THEOREM);
    if (!t) throw new Error(`Theorem ${THEOREM} is not registered`);
    theorem = t;
    // What the batch path says: the screen must say the same.
    const c = loadCase(join(ROOT, CASE));
    const result = await runTheorem(t, new Workspace(c));
    expected = result.steps;
    verdict = result.verdict;
    // CI variables make Ink print only the last frame: unset them for the terminal run.
    const command = `env -u CI -u CONTINUOUS_INTEGRATION node ${BIN} walk ${THEOREM} --case ${CASE}; echo "exit=$?"; sleep 600`;
    tmux('new-session', '-d', '-s', SESSION, '-x', '80', '-y', '24', '-c', ROOT, command);
  }, 180_000);

  afterAll(() => {
    if (hasTmux) spawnSync('tmux', ['-S', SOCKET, 'kill-server'], { stdio: 'ignore' });
    rmSync(SOCKET, { force: true });
  });

  it('shows the case, the statement and every step, then the theorem verdict', async () => {
    const s = await until((x) => x.includes(`Theorem ${THEOREM}: ${verdict}`), `the verdict of Theorem ${THEOREM}`);
    expect(s).toContain('xor  d=4 m=2 k=1 n=17');
    expect(s).toContain('M ⊂ ℝ¹⁷');
    for (const line of s.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('moves through every step with j/k, showing each verdict as the runner gives it, and quits with q', async () => {
    const n = theorem.steps.length;
    // To the first step, whatever is selected now.
    for (let i = 0; i < n; i++) keys('k');
    for (const [i, step] of theorem.steps.entries()) {
      const header = `Step ${i + 1}/${n}  ${step.id}`;
      const s = await until((x) => x.includes(header), header);
      expect(s).toContain(verdictLine(expected[i]!));
      const row = s.split('\n').find((l) => l.startsWith('› '));
      expect(row).toContain(`${verdictMark(expected[i]!.verdict)} `);
      expect(row).toContain(`${i + 1}.`);
      if (i < n - 1) keys('j');
    }
    // Enter opens the last step full width; Enter closes it again.
    keys('Enter');
    await until((x) => x.includes('Enter/Esc:back') && !x.includes('› '), 'the open step');
    keys('Enter');
    await until((x) => x.includes('› '), 'the list again');
    keys('q');
    await until((x) => x.includes('exit=0'), 'the program exiting with 0');
  });
});

describe('overparam walk without a terminal', () => {
  beforeAll(() => ensureBuilt(), 180_000);

  it('prints the walkthrough as text and exits 0', () => {
    const r = spawnSync('node', [BIN, 'walk', THEOREM, '--case', CASE], { cwd: ROOT, encoding: 'utf8', input: '' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const t = findTheorem(THEOREM)!;
    expect(r.stdout).toContain('case xor');
    for (const [i, s] of t.steps.entries()) expect(r.stdout).toContain(`Step ${i + 1}/${t.steps.length}  ${s.id}`);
  });
});
