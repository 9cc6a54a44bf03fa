import { describe, expect, it } from 'vitest';
import { splitChunk } from '../../src/ui/hooks/use-keys.js';
import { INITIAL_VIEW, onKey, shownStep, type KeyContext, type KeyPress, type ViewState } from '../../src/ui/keys.js';

const none: KeyPress = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageUp: false,
  pageDown: false,
  return: false,
  escape: false,
  backspace: false,
};
const ctx: KeyContext = { mode: 'walk', steps: 5, followed: 4, maxScroll: 10, page: 6, choices: 3, currentTheorem: 1 };
const press = (v: ViewState, input: string, key: Partial<KeyPress> = {}, c: Partial<KeyContext> = {}) =>
  onKey(v, input, { ...none, ...key }, { ...ctx, ...c });

/** Applies keys in turn, as fast typing does, and returns the view and the effects. */
function typeKeys(keys: readonly (string | Partial<KeyPress>)[], c: Partial<KeyContext> = {}) {
  let v = INITIAL_VIEW;
  const effects: string[] = [];
  for (const k of keys) {
    const r = typeof k === 'string' ? press(v, k, {}, c) : press(v, '', k, c);
    v = r.view;
    if (r.effect) effects.push(r.effect.type);
  }
  return { v, effects };
}

describe('onKey', () => {
  it('moves from the followed step, and stops following', () => {
    const { v } = typeKeys(['k', 'k']);
    expect(v.follow).toBe(false);
    expect(shownStep(v, ctx)).toBe(2);
  });

  it.each([
    [['j'], 4],
    [[{ upArrow: true }, { upArrow: true }, { downArrow: true }], 3],
    [['p', 'p', 'p', 'p', 'p', 'p'], 0],
    [['p', 'n', 'n', 'n'], 4],
  ] as const)('keys %j show step %i', (keys, step) => {
    expect(shownStep(typeKeys(keys).v, ctx)).toBe(step);
  });

  it('opens a step, scrolls within its length, moves with n/p, and closes', () => {
    let { v } = typeKeys(['k', { return: true }]);
    expect(v.opened).toBe(true);
    expect(v.selected).toBe(3);
    v = press(v, 'j').view;
    v = press(v, '', { pageDown: true }).view;
    expect(v.scroll).toBe(7);
    v = press(v, '', { pageDown: true }).view;
    expect(v.scroll).toBe(10);
    v = press(v, 'n').view;
    expect([v.selected, v.scroll, v.opened]).toEqual([4, 0, true]);
    v = press(v, '', { escape: true }).view;
    expect(v.opened).toBe(false);
  });

  it('chooses a theorem from its chooser', () => {
    const { v, effects } = typeKeys(['t', 'j', 'j', 'j', { return: true }]);
    expect(effects).toEqual(['choose-theorem']);
    expect(v.overlay).toBe('none');
    expect(press({ ...INITIAL_VIEW, overlay: 'theorems', choice: 2 }, '', { return: true }).effect).toEqual({ type: 'choose-theorem', index: 2 });
    expect(typeKeys(['t']).v.choice).toBe(1);
  });

  it('asks for the case list, perturbation and quitting as effects', () => {
    expect(typeKeys(['c', 'e', 'q']).effects).toEqual(['open-cases', 'perturb', 'quit']);
    expect(press({ ...INITIAL_VIEW, overlay: 'cases', choice: 0 }, '', { return: true }).effect).toEqual({ type: 'choose-case', index: 0 });
    expect(press({ ...INITIAL_VIEW, overlay: 'cases' }, 'q').effect).toBeUndefined();
  });

  it('closes the help with any key', () => {
    const { v, effects } = typeKeys(['?', 'q']);
    expect(v.overlay).toBe('none');
    expect(effects).toEqual([]);
  });

  it('only pauses, quits and shows help in the demo', () => {
    const { v, effects } = typeKeys(['j', 't', 'e', ' ', 'c', { return: true }, ' ', 'q'], { mode: 'demo' });
    expect(v).toEqual(INITIAL_VIEW);
    expect(effects).toEqual(['toggle-pause', 'toggle-pause', 'quit']);
  });

  it.each([
    ['the list', INITIAL_VIEW, 'walk'],
    ['an open step', { ...INITIAL_VIEW, opened: true, follow: false }, 'walk'],
    ['the help', { ...INITIAL_VIEW, overlay: 'help' }, 'walk'],
    ['a chooser', { ...INITIAL_VIEW, overlay: 'theorems' }, 'walk'],
    ['the walk along M', { ...INITIAL_VIEW, overlay: 'manifold' }, 'walk'],
    ['the demo', INITIAL_VIEW, 'demo'],
  ] as const)('Ctrl-C interrupts from %s', (_, v, mode) => {
    expect(press(v as ViewState, 'c', { ctrl: true }, { mode }).effect).toEqual({ type: 'interrupt' });
    // a plain c is not an interrupt
    expect(press(v as ViewState, 'c', {}, { mode }).effect?.type).not.toBe('interrupt');
  });
});

describe('splitChunk', () => {
  const key = { ...none, ctrl: false, meta: false, shift: false, tab: false, delete: false, home: false, end: false, super: false, hyper: false, capsLock: false, numLock: false };
  it('takes a chunk of typed keys apart, Enter included', () => {
    const parts = splitChunk('jj\rk', key);
    expect(parts.map(([ch, k]) => [ch, k.return])).toEqual([
      ['j', false],
      ['j', false],
      ['', true],
      ['k', false],
    ]);
  });

  it('leaves single keys and control chords alone', () => {
    expect(splitChunk('q', key)).toEqual([['q', key]]);
    expect(splitChunk('', { ...key, upArrow: true })).toEqual([['', { ...key, upArrow: true }]]);
    expect(splitChunk('cc', { ...key, ctrl: true })).toHaveLength(1);
  });
});
