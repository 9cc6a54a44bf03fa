import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/ui/App.js';
import { WalkSession } from '../../src/ui/session.js';
import { fixtureDeps, fixtureTheorem, xorCase, zeroTargetsCase } from './fixtures.js';

afterEach(() => cleanup());

const DOWN = '\u001B[B';
const UP = '\u001B[A';
const ENTER = '\r';

/** Polls the last frame until it satisfies `ok` (Ink renders asynchronously). */
async function until(frame: () => string | undefined, ok: (f: string) => boolean, ms = 10_000): Promise<string> {
  const deadline = Date.now() + ms;
  for (;;) {
    const f = frame() ?? '';
    if (ok(f)) return f;
    if (Date.now() > deadline) throw new Error(`frame never matched; last frame:\n${f}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}
const has = (text: string) => (f: string) => f.includes(text);

function setup(opts: { columns?: number; rows?: number; theorems?: ReturnType<typeof fixtureTheorem>[] } = {}) {
  const theorems = opts.theorems ?? [fixtureTheorem({ id: '9.1' }), fixtureTheorem({ id: '9.2' })];
  const session = new WalkSession(
    { case: xorCase(), file: '/cases/xor.yaml', theorem: theorems[0]! },
    fixtureDeps(theorems, { '/cases/xor.yaml': xorCase, '/cases/zeros.yaml': zeroTargetsCase }),
  );
  const onExit = vi.fn();
  const size = { columns: opts.columns ?? 80, ...(opts.rows !== undefined ? { rows: opts.rows } : {}) };
  const ui = render(<App session={session} mode="walk" size={size} onExit={onExit} />);
  return { session, ui, onExit, frame: () => ui.lastFrame() ?? '' };
}

/** The selected step's row: the line that starts with the marker. */
const selectedRow = (f: string) => f.split('\n').find((l) => l.startsWith('› ')) ?? '';

describe('the walkthrough screen', () => {
  it('shows the case, the instantiated statement, each step with its verdict and rigor, and the detail', async () => {
    const { session, frame } = setup();
    await session.rerun();
    const f = await until(frame, has('Theorem 9.1: supported'));
    expect(f).toContain('Theorem 9.1: a test of the walkthrough');
    expect(f).toContain('xor  d=4 m=2 k=1 n=17  mlp 2→4→1  smoolu');
    expect(f).toContain('❝ claims: M ⊂ ℝ¹⁷ is a smooth 13-dimensional manifold.');
    const rows = f.split('\n').filter((l) => /^[› ] [✓✗?–] +\d\./.test(l));
    expect(rows).toHaveLength(7);
    expect(rows[0]).toMatch(/✓ +1\. the inputs are pairwise distinct +exact/);
    expect(rows[3]).toMatch(/✓ +4\. A = σ\(tᵢ − βⱼ\) is lower triangular +float/);
    // The run ended with every step holding: the walkthrough opens on step 1.
    expect(selectedRow(f)).toContain('the inputs are pairwise distinct');
    expect(f).toContain('Step 1/7  distinct-inputs');
    expect(f).not.toContain('does not hold');
    for (const line of f.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('moves with j/k and the arrows, and shows the pictures of the selected step', async () => {
    const { session, ui, frame } = setup();
    await session.rerun();
    await until(frame, has('Theorem 9.1: supported'));
    for (let i = 0; i < 5; i++) ui.stdin.write('j');
    await until(frame, has('Step 6/7'));
    ui.stdin.write(UP);
    ui.stdin.write(UP);
    let f = await until(frame, has('Step 4/7'));
    expect(selectedRow(f)).toContain('A = σ(tᵢ − βⱼ)');
    expect(f).toMatch(/⎡ 0\.06767 +· +· +· ⎤/);
    ui.stdin.write('k');
    f = await until(frame, has('Step 3/7'));
    expect(f).toContain('projections tᵢ and biases βⱼ');
    expect(f).toContain('t₁');
    ui.stdin.write(DOWN);
    ui.stdin.write('j');
    f = await until(frame, has('Step 5/7'));
    expect(f).toContain(' zero (13)');
  });

  it('opens a step with Enter, moves with n/p inside it, and closes it again', async () => {
    const { session, ui, frame } = setup({ rows: 24 });
    await session.rerun();
    await until(frame, has('Theorem 9.1: supported'));
    for (let i = 0; i < 6; i++) ui.stdin.write('p');
    await until(frame, has('Step 1/7'));
    ui.stdin.write(ENTER);
    let f = await until(frame, (x) => x.includes('Claim and why it follows') && !x.includes('› '));
    expect(f).toContain('↑↓ scroll');
    ui.stdin.write('n');
    ui.stdin.write('n');
    ui.stdin.write('n');
    f = await until(frame, has('Step 4/7'));
    expect(f).not.toContain('› ');
    // Scrolling down shows what was below the fold.
    ui.stdin.write('j');
    ui.stdin.write('j');
    f = await until(frame, has('more above'));
    ui.stdin.write(ENTER);
    f = await until(frame, has('› '));
    expect(selectedRow(f)).toContain('A = σ(tᵢ − βⱼ)');
  });

  it('fits a 24-row terminal at 80 columns', async () => {
    const { session, frame } = setup({ rows: 24 });
    await session.rerun();
    const f = await until(frame, has('Theorem 9.1: supported'));
    expect(f.split('\n').length).toBeLessThanOrEqual(23);
    // The step shown ended: its name, its verdict and then its evidence, the claim above it hidden.
    expect(f).toContain('Step 1/7  distinct-inputs');
    expect(f).toContain('✓ holds · exact ·');
    expect(f).toMatch(/↑ \d+ more above\nEvidence\n  the 4 inputs are pairwise distinct/);
    // Every step row is in view, and the keys are all on screen.
    expect(f.split('\n').filter((l) => /^[› ] [✓✗?–] +\d\./.test(l))).toHaveLength(7);
    expect(f).toContain('?:help q:quit');
  });

  it('puts the list and the detail side by side on a wide terminal', async () => {
    const { session, frame } = setup({ columns: 140 });
    await session.rerun();
    const f = await until(frame, has('Theorem 9.1: supported'));
    const row = f.split('\n').find((l) => l.includes('1. the inputs are pairwise distinct'))!;
    expect(row).toContain('Step 1/7  distinct-inputs');
    for (const line of f.split('\n')) expect([...line].length).toBeLessThanOrEqual(140);
  });

  it('shows a running step with its progress', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const t = fixtureTheorem({ gate });
    const { session, frame } = setup({ theorems: [t] });
    const done = session.rerun();
    const f = await until(frame, has('40%'));
    expect(f).toContain('running 6/7');
    expect(f).toContain('halfway there');
    expect(selectedRow(f)).toContain('a long computation');
    open();
    await done;
    await until(frame, has('Theorem 9.1: supported'));
  });

  it('chooses another theorem with t, on the same case', async () => {
    const { session, ui, frame } = setup();
    await session.rerun();
    await until(frame, has('Theorem 9.1: supported'));
    ui.stdin.write('t');
    let f = await until(frame, has('Choose a theorem'));
    expect(f).toContain('● Theorem 9.1: a test of the walkthrough');
    ui.stdin.write('j');
    ui.stdin.write(ENTER);
    f = await until(frame, has('Theorem 9.2: supported'));
    expect(f).toContain('Theorem 9.2: a test of the walkthrough');
    expect(session.getState().case.name).toBe('xor');
  });

  it('chooses a case with c, and perturbs its targets with e', async () => {
    const { session, ui, frame } = setup();
    await session.rerun();
    await until(frame, has('Theorem 9.1: supported'));
    ui.stdin.write('c');
    let f = await until(frame, has('Choose a case'));
    expect(f).toContain('● xor.yaml');
    ui.stdin.write(DOWN);
    ui.stdin.write(ENTER);
    f = await until(frame, has('Theorem 9.1: fails'));
    expect(f).toContain('zeros  d=4');
    expect(f).toMatch(/✗ +6\. the targets are not all zero/);
    // A failing case opens on the step that fails, under a statement that says it does not hold here.
    expect(selectedRow(f)).toContain('the targets are not all zero');
    expect(f).toContain('Step 6/7  targets-not-all-zero');
    expect(f.replace(/\n\s*/g, ' ')).toContain('✗ It does not hold on this case: step 6, the targets are not all zero, fails: every target is 0');
    ui.stdin.write('e');
    f = await until(frame, (x) => x.includes('Theorem 9.1: supported') && x.includes('targets perturbed'));
    expect(f).toMatch(/✓ +6\. the targets are not all zero/);
    expect(session.getState().perturbations).toBe(1);
  });

  it('shows the keys with ? and quits with q', async () => {
    const { session, ui, frame, onExit } = setup();
    await session.rerun();
    await until(frame, has('Theorem 9.1: supported'));
    ui.stdin.write('?');
    const f = await until(frame, has('Keys'));
    expect(f).toContain('perturb the targets');
    ui.stdin.write('x');
    await until(frame, (x) => !x.includes('Press any key'));
    ui.stdin.write('q');
    await until(() => String(onExit.mock.calls.length), (n) => n === '1');
  });
});

describe('the walkthrough on a small screen', () => {
  it('keeps several step rows, the reason and every key at 60 × 20', async () => {
    const { session, ui, frame } = setup({ columns: 60, rows: 20 });
    await session.rerun();
    ui.stdin.write('c');
    await until(frame, has('Choose a case'));
    ui.stdin.write(DOWN);
    ui.stdin.write(ENTER);
    const f = await until(frame, has('Theorem 9.1: fails'));
    const lines = f.split('\n');
    expect(lines.length).toBeLessThanOrEqual(19);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(60);
    expect(lines.filter((l) => /^[› ] [✓✗?–] +\d\./.test(l)).length).toBeGreaterThanOrEqual(5);
    expect(selectedRow(f)).toContain('the targets are not all zero');
    expect(f).toContain('✗ It does not hold on this case');
    expect(f).toContain('q:quit');
    // the compact header: the facts line, without the description
    expect(f).toContain('zeros  d=4');
    expect(f).not.toContain('zeros for tests');
  });

  it('shows the description on a tall screen', async () => {
    const { session, frame } = setup({ columns: 80, rows: 40 });
    await session.rerun();
    expect(await until(frame, has('Theorem 9.1: supported'))).toContain('xor for tests');
  });
});

describe('the keys of the mode', () => {
  it('? lists the keys of the list, of an open step, and of the demo', async () => {
    const { session, ui, frame } = setup({ rows: 30 });
    await session.rerun();
    await until(frame, has('Theorem 9.1: supported'));
    ui.stdin.write('?');
    let f = await until(frame, has('Press any key'));
    expect(f).toContain('open the selected step');
    expect(f).not.toContain('scroll the step');
    expect(f).not.toContain('pause the demo');
    ui.stdin.write('x');
    await until(frame, (x) => !x.includes('Press any key'));
    ui.stdin.write(ENTER);
    await until(frame, has('Enter/Esc:back'));
    ui.stdin.write('?');
    f = await until(frame, has('Press any key'));
    expect(f).toContain('scroll the step');
    expect(f).not.toContain('open the selected step');

    const t = fixtureTheorem();
    const demo = new WalkSession({ case: xorCase(), file: '', theorem: t }, fixtureDeps([t]), { pace: () => 1000 });
    const d = render(<App session={demo} mode="demo" size={{ columns: 80, rows: 30 }} />);
    void demo.play([t]);
    d.stdin.write('?');
    f = await until(() => d.lastFrame() ?? '', has('Press any key'));
    expect(f).toContain('pause the demo');
    expect(f).not.toContain('choose a theorem');
    d.stdin.write('x');
    await until(() => d.lastFrame() ?? '', (x) => !x.includes('Press any key'));
    // space pauses the demo, and the footer says so; space again resumes it
    d.stdin.write(' ');
    f = await until(() => d.lastFrame() ?? '', has('· paused'));
    expect(demo.getState().paused).toBe(true);
    d.stdin.write(' ');
    await until(() => d.lastFrame() ?? '', (x) => !x.includes('· paused'));
    expect(demo.getState().paused).toBe(false);
    demo.dispose();
  });

  it('Ctrl-C quits as an interrupt', async () => {
    const { session, ui, frame, onExit } = setup();
    await session.rerun();
    await until(frame, has('Theorem 9.1: supported'));
    ui.stdin.write('\u0003');
    await until(() => String(onExit.mock.calls.length), (n) => n === '1');
    expect(onExit).toHaveBeenCalledWith('interrupt');
  });
});

describe('the demo screen', () => {
  it('plays by itself with narration, ends on a summary and exits', async () => {
    const a = fixtureTheorem({ id: '9.1' });
    const b = fixtureTheorem({ id: '9.2' });
    const session = new WalkSession({ case: xorCase(), file: '', theorem: a }, fixtureDeps([a, b]), { pace: () => 2, narrate: true });
    const onExit = vi.fn();
    const ui = render(<App session={session} mode="demo" size={{ columns: 80 }} endHoldMs={200} onExit={onExit} />);
    const frame = () => ui.lastFrame() ?? '';
    const played = session.play([a, b]);
    // The demo moves on by itself: look through every frame drawn, not only the last.
    const drawn = () => ui.frames.find((x) => x.includes('» Step 3 of 7'));
    const seen = await until(() => drawn() ?? '', (x) => x !== '');
    expect(seen).toContain('demo: plays by itself');
    expect(selectedRow(seen)).toContain('a projection separates the inputs');
    await played;
    const f = await until(frame, has('Summary on xor'));
    expect(f).toMatch(/Theorem 9\.1 +supported +7 holds \(5 exact, 2 float\)/);
    expect(f).toMatch(/Theorem 9\.2 +supported/);
    await until(() => String(onExit.mock.calls.length), (n) => n === '1');
  });
});
