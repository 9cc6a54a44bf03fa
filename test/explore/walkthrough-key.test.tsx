import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCase } from '../../src/models/case.js';
import { walkLines } from '../../src/explore/index.js';
import { App } from '../../src/ui/App.js';
import { INITIAL_VIEW, onKey, type KeyContext, type KeyPress } from '../../src/ui/keys.js';
import { WalkSession } from '../../src/ui/session.js';
import { fixtureDeps, fixtureTheorem } from '../ui/fixtures.js';
import { THEOREMS } from '../../theorems/index.js';

afterEach(() => cleanup());

const NO_KEY: KeyPress = { upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageUp: false, pageDown: false, return: false, escape: false, backspace: false };
const CTX: KeyContext = { mode: 'walk', steps: 7, followed: 6, maxScroll: 40, page: 10, choices: 0, currentTheorem: 0 };

async function until(frame: () => string, ok: (f: string) => boolean, ms = 20_000): Promise<string> {
  const deadline = Date.now() + ms;
  for (;;) {
    const f = frame();
    if (ok(f)) return f;
    if (Date.now() > deadline) throw new Error(`frame never matched; last frame:\n${f}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('key m of the walkthrough', () => {
  it('opens the manifold overlay and asks for the walk; scrolls; Esc or m goes back; nothing in the demo', () => {
    const open = onKey(INITIAL_VIEW, 'm', NO_KEY, CTX);
    expect(open.view.overlay).toBe('manifold');
    expect(open.effect).toEqual({ type: 'walk-manifold' });
    const down = onKey(open.view, 'j', NO_KEY, CTX);
    expect(down.view.scroll).toBe(1);
    expect(onKey(down.view, ' ', NO_KEY, CTX).view.scroll).toBe(11);
    expect(onKey(down.view, '', { ...NO_KEY, escape: true }, CTX).view.overlay).toBe('none');
    expect(onKey(down.view, 'm', NO_KEY, CTX).view.overlay).toBe('none');
    expect(onKey(down.view, 'q', NO_KEY, CTX).effect).toEqual({ type: 'quit' });
    expect(onKey(INITIAL_VIEW, 'm', NO_KEY, { ...CTX, mode: 'demo' }).effect).toBeUndefined();
  });

  it('walkLines renders the walk for a screen, without the end certificate steps', async () => {
    const lines = await walkLines(loadCase('cases/sphere-cylinder.yaml'), { theorems: THEOREMS, width: 70, steps: 6 });
    const text = lines.join('\n');
    expect(text).toContain('Walking along M on sphere-cylinder');
    expect(text).toMatch(/The end point, certified on its own \(Theorem 2\.1 (certified|supported)/);
    expect(text).not.toContain('smooth-model');
  });

  it('on the screen: m shows the walk on the current case, Esc returns to the proof', async () => {
    const theorem = fixtureTheorem({ id: '9.1' });
    const c = loadCase('cases/xor.yaml');
    const session = new WalkSession({ case: c, file: '/cases/xor.yaml', theorem }, fixtureDeps([theorem]));
    const ui = render(<App session={session} mode="walk" size={{ columns: 130, rows: 60 }} />);
    const frame = () => ui.lastFrame() ?? '';
    await session.rerun();
    await until(frame, (f) => f.includes('Theorem 9.1'));
    expect(frame()).toContain('m:walk M');
    ui.stdin.write('m');
    const f = await until(frame, (x) => x.includes('σ_min(J) along the path'));
    expect(f).toContain('Walking along M on xor');
    ui.stdin.write('\u001B');
    await until(frame, (x) => !x.includes('σ_min(J) along the path'));
  });
});
