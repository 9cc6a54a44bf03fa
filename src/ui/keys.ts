/**
 * What each key does to the walkthrough's view state: a pure function, so that keys pressed
 * faster than the screen repaints each act on the state the previous one left (and so that the
 * key map can be tested without a terminal).
 */
import type { Key } from 'ink';

export type Overlay = 'none' | 'help' | 'theorems' | 'cases' | 'manifold';

export interface ViewState {
  /** the step chosen by the user (used once `follow` is off) */
  readonly selected: number;
  /** follow the run: show the running step, else the last one that ended */
  readonly follow: boolean;
  /** the selected step is open, full width */
  readonly opened: boolean;
  /** first line of the open step's detail shown */
  readonly scroll: number;
  readonly overlay: Overlay;
  /** the highlighted row of a chooser */
  readonly choice: number;
}

export const INITIAL_VIEW: ViewState = { selected: 0, follow: true, opened: false, scroll: 0, overlay: 'none', choice: 0 };

/** What the screen knows when a key arrives. */
export interface KeyContext {
  readonly mode: 'walk' | 'demo';
  readonly steps: number;
  /** the step shown while following the run */
  readonly followed: number;
  /** the largest useful scroll of the open step */
  readonly maxScroll: number;
  /** rows the open step shows at once */
  readonly page: number;
  /** rows in the open chooser */
  readonly choices: number;
  /** the row of the current theorem in the theorem chooser */
  readonly currentTheorem: number;
}

/** What the screen must do besides changing its view. */
export type KeyEffect =
  | { readonly type: 'quit' }
  /** Ctrl-C: quit as interrupted (exit 130, as a shell reports SIGINT) */
  | { readonly type: 'interrupt' }
  /** the demo's space key: pause or resume */
  | { readonly type: 'toggle-pause' }
  | { readonly type: 'perturb' }
  | { readonly type: 'open-cases' }
  | { readonly type: 'choose-theorem'; readonly index: number }
  | { readonly type: 'choose-case'; readonly index: number }
  /** walk along M from the case's point (src/explore), shown in the `manifold` overlay */
  | { readonly type: 'walk-manifold' };

export type KeyPress = Pick<Key, 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'return' | 'escape' | 'backspace'> &
  Partial<Pick<Key, 'ctrl'>>;

/** The step shown: the followed one, or the user's choice. */
export function shownStep(v: ViewState, ctx: Pick<KeyContext, 'mode' | 'steps' | 'followed'>): number {
  if (ctx.mode === 'demo' || v.follow) return ctx.followed;
  return Math.max(0, Math.min(v.selected, ctx.steps - 1));
}

const clamp = (x: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, x));

export function onKey(v: ViewState, input: string, key: KeyPress, ctx: KeyContext): { readonly view: ViewState; readonly effect?: KeyEffect } {
  // Ctrl-C quits from anywhere, overlays included.
  if (key.ctrl === true && input === 'c') return { view: v, effect: { type: 'interrupt' } };
  if (v.overlay === 'help') return { view: { ...v, overlay: 'none' } };
  if (v.overlay === 'theorems' || v.overlay === 'cases') {
    if (key.upArrow || input === 'k') return { view: { ...v, choice: Math.max(0, v.choice - 1) } };
    if (key.downArrow || input === 'j') return { view: { ...v, choice: clamp(v.choice + 1, 0, ctx.choices - 1) } };
    if (key.escape || input === 'q') return { view: { ...v, overlay: 'none' } };
    if (key.return && ctx.choices > 0) {
      const effect: KeyEffect =
        v.overlay === 'theorems' ? { type: 'choose-theorem', index: v.choice } : { type: 'choose-case', index: v.choice };
      return { view: { ...v, overlay: 'none', opened: false }, effect };
    }
    return { view: v };
  }
  if (v.overlay === 'manifold') {
    // The walk's report: scroll it like an open step; Esc, Enter, ← or m go back.
    if (key.upArrow || input === 'k') return { view: { ...v, scroll: Math.max(0, v.scroll - 1) } };
    if (key.downArrow || input === 'j') return { view: { ...v, scroll: clamp(v.scroll + 1, 0, ctx.maxScroll) } };
    if (key.pageUp) return { view: { ...v, scroll: Math.max(0, v.scroll - ctx.page) } };
    if (key.pageDown || input === ' ') return { view: { ...v, scroll: clamp(v.scroll + ctx.page, 0, ctx.maxScroll) } };
    if (key.escape || key.return || key.leftArrow || key.backspace || input === 'm') return { view: { ...v, overlay: 'none', scroll: 0 } };
    if (input !== 'q' && input !== '?') return { view: v };
  }
  if (input === 'q') return { view: v, effect: { type: 'quit' } };
  if (input === '?') return { view: { ...v, overlay: 'help' } };
  if (ctx.mode === 'demo') return input === ' ' ? { view: v, effect: { type: 'toggle-pause' } } : { view: v };
  if (input === 'm') return { view: { ...v, overlay: 'manifold', scroll: 0 }, effect: { type: 'walk-manifold' } };
  if (input === 't') return { view: { ...v, overlay: 'theorems', choice: ctx.currentTheorem } };
  if (input === 'c') return { view: v, effect: { type: 'open-cases' } };
  if (input === 'e') return { view: { ...v, opened: false }, effect: { type: 'perturb' } };

  const current = shownStep(v, ctx);
  const move = (delta: number): ViewState =>
    ctx.steps === 0 ? v : { ...v, follow: false, selected: clamp(current + delta, 0, ctx.steps - 1), scroll: 0 };
  if (input === 'n') return { view: move(1) };
  if (input === 'p') return { view: move(-1) };
  if (v.opened) {
    const scroll = clamp(v.scroll, 0, ctx.maxScroll);
    if (key.upArrow || input === 'k') return { view: { ...v, scroll: Math.max(0, scroll - 1) } };
    if (key.downArrow || input === 'j') return { view: { ...v, scroll: Math.min(ctx.maxScroll, scroll + 1) } };
    if (key.pageUp) return { view: { ...v, scroll: Math.max(0, scroll - ctx.page) } };
    if (key.pageDown || input === ' ') return { view: { ...v, scroll: Math.min(ctx.maxScroll, scroll + ctx.page) } };
    if (key.return || key.escape || key.backspace || key.leftArrow) return { view: { ...v, opened: false } };
    return { view: v };
  }
  if (key.upArrow || input === 'k') return { view: move(-1) };
  if (key.downArrow || input === 'j') return { view: move(1) };
  if ((key.return || key.rightArrow) && ctx.steps > 0) {
    // Opening pins the step: it stays open on this step even as the run goes on.
    return { view: { ...v, opened: true, scroll: 0, follow: false, selected: current } };
  }
  return { view: v };
}
