/**
 * The walkthrough screen: header, statement, the list of steps and the selected step's detail,
 * laid out for the terminal's size (stacked at 80 columns, side by side from 120). In the demo
 * the same screen follows the run by itself, with narration, and ends on a summary.
 *
 * Presentational: everything shown comes from the session, which gets it from the runner.
 */
import { Box, Text, useApp } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { basename, relative } from 'node:path';
import { cells, wrapText } from '../render/terminal/format.js';
import { detailAnchors, stepDetail } from './detail.js';
import { Chooser, type ChooserItem } from './components/Chooser.js';
import { Footer, footerHeight } from './components/Footer.js';
import { Header, headerHeight } from './components/Header.js';
import { Help } from './components/Help.js';
import { Lines } from './components/Lines.js';
import { Statement, statementLines } from './components/Statement.js';
import { STEP_ROW_CHROME, StepList } from './components/StepList.js';
import { Summary } from './components/Summary.js';
import { useKeys } from './hooks/use-keys.js';
import { INITIAL_VIEW, onKey, shownStep, type ViewState } from './keys.js';
import { useSession } from './hooks/use-session.js';
import { useTerminalSize, type TerminalSize } from './hooks/use-terminal-size.js';
import type { WalkSession } from './session.js';
import { followIndex } from './state.js';
import { searchHint, verdictNote } from './verdict-note.js';
import { inCaseTerms } from './words.js';

export type AppMode = 'walk' | 'demo';

export interface AppProps {
  readonly session: WalkSession;
  readonly mode: AppMode;
  /** fixed size (tests); the terminal's otherwise */
  readonly size?: Partial<TerminalSize>;
  /** demo: how long the summary stays up before the demo ends, in ms */
  readonly endHoldMs?: number;
  /** called once when the user quits (`interrupt`: with Ctrl-C) or the demo ends */
  readonly onExit?: (how: 'quit' | 'interrupt') => void;
}

/** From this width on, the list and the detail sit side by side. */
export const WIDE_COLUMNS = 120;

/** Below this height the header and the statement shrink, so that several steps stay in view. */
export const SHORT_ROWS = 32;

const KEYS_LIST = '↑↓ Enter n/p t:theorem c:case e:perturb m:walk M ?:help q:quit';
/** The list's keys in fewer cells, for a narrow terminal (? tells what each letter does). */
const KEYS_LIST_NARROW = '↑↓ Enter n/p t c e m ?:help q:quit';
const KEYS_OPEN = '↑↓ scroll n/p:step Enter/Esc:back ?:help q:quit';
const KEYS_DEMO = 'demo: plays by itself · space:pause ?:help q:quit';

export function App(props: AppProps) {
  const { session, mode } = props;
  const state = useSession(session);
  const { columns, rows } = useTerminalSize(props.size);
  const app = useApp();
  // The view lives in a ref as well as in React state: keys arriving faster than repaints must
  // each see what the previous key did.
  const [view, setView] = useState<ViewState>(INITIAL_VIEW);
  const viewRef = useRef(view);
  const update = (next: ViewState) => {
    viewRef.current = next;
    setView(next);
  };
  const [caseFiles, setCaseFiles] = useState<readonly string[]>([]);
  // Key m: the walk along M (src/explore), its report as lines; a newer walk supersedes an older one.
  const [manifold, setManifold] = useState<readonly string[]>([]);
  const walkNumber = useRef(0);
  const caseFilesRef = useRef(caseFiles);

  const run = state.run;
  const steps = run.steps;
  const current = shownStep(view, { mode, steps: steps.length, followed: followIndex(run) });

  // A new run starts by following the steps as they run.
  useEffect(() => {
    if (state.runNumber > 0) update({ ...viewRef.current, follow: true, scroll: 0 });
  }, [state.runNumber]);

  const quit = (how: 'quit' | 'interrupt' = 'quit') => {
    session.dispose();
    props.onExit?.(how);
    app.exit();
  };

  // The demo ends by itself once its summary has been up for a while (not while paused).
  useEffect(() => {
    if (mode !== 'demo' || !state.ended || state.paused) return;
    const timer = setTimeout(quit, props.endHoldMs ?? 0);
    return () => clearTimeout(timer);
  }, [mode, state.ended, state.paused]);

  // Layout: what each part needs, and what is left for the steps and the detail.
  const width = Math.max(40, columns - 1);
  const wide = columns >= WIDE_COLUMNS;
  const compact = rows !== undefined && rows < SHORT_ROWS;
  const opened = view.opened;
  const keys = mode === 'demo' ? KEYS_DEMO : opened ? KEYS_OPEN : width < KEYS_LIST.length ? KEYS_LIST_NARROW : KEYS_LIST;
  const headerProps = { facts: state.facts, theoremTitle: run.title, perturbations: state.perturbations, width, compact };
  const note = verdictNote(run);
  const hint = searchHint(run, state.case);
  const statementProps = {
    statement: run.statement,
    width,
    ...(note ? { note } : {}),
    ...(hint ? { hint } : {}),
    ...(compact ? { maxLines: 2 } : {}),
    ...(rows !== undefined && rows < 22 ? { claimLines: 1 } : {}),
  };
  const narration = mode === 'demo' && state.narration ? wrapText(state.narration, width - 2).slice(0, 4) : [];
  const showSummary = state.ended && state.completed.length > 0;
  const footerProps = { run, running: state.running, ...(state.message ? { message: state.message } : {}), keys, width, paused: state.paused };
  const fixed =
    headerHeight(headerProps) +
    statementLines(statementProps).length +
    footerHeight(footerProps) +
    (narration.length > 0 ? narration.length + 1 : 0) +
    (showSummary ? state.completed.length + 1 : 0) +
    2; // the rule under the statement, and one spare row so the frame never scrolls the terminal
  const middle = rows === undefined ? undefined : Math.max(4, rows - fixed);

  // Side by side, the list is as wide as its longest title needs (up to a little over half).
  const longest = Math.max(0, ...steps.map((s) => cells(s.title)));
  const listWidth = wide ? Math.max(40, Math.min(longest + STEP_ROW_CHROME, Math.floor(width * 0.54))) : width;
  const detailWidth = opened || !wide ? width : width - listWidth - 2;
  let listHeight: number | undefined;
  let detailHeight: number | undefined;
  if (middle !== undefined) {
    if (wide || opened) {
      listHeight = middle;
      detailHeight = middle;
    } else {
      // Stacked: every step if the detail keeps a few rows, else a window of steps that takes
      // about half the room (so a short terminal still shows several steps).
      listHeight = Math.min(steps.length, Math.max(3, Math.ceil((middle - 1) / 2), middle - 9));
      detailHeight = Math.max(1, middle - listHeight - 1);
    }
  }
  const shown = steps[current];
  // Stacked, the selected row just above names the step: its detail need not repeat the title.
  const stacked = !wide && !opened;
  const detail = shown ? stepDetail(shown, steps.length, detailWidth, { title: !stacked }) : [];
  const anchors = detailAnchors(detail);
  const maxScroll = detailHeight === undefined ? 0 : Math.max(0, detail.length - detailHeight);
  // In the pane beside the list, a step that ended shows its evidence first (its name and
  // verdict stay on top); opened, it reads from the claim down.
  // In a small pane the evidence's heading gives way to the evidence itself.
  const small = detailHeight !== undefined && detailHeight - anchors.sticky < 4;
  const preview = shown?.status === 'done' && anchors.evidence !== undefined ? anchors.evidence - anchors.sticky + (small ? 1 : 0) : 0;
  const detailProps = { lines: detail, sticky: anchors.sticky, ...(detailHeight !== undefined ? { height: detailHeight } : {}) };

  const theoremItems: ChooserItem[] = session.deps.theorems.map((t) => ({
    label: inCaseTerms(t.title, state.case.data.k),
    ...(session.fits(t) ? {} : { hint: '(setting does not fit this case)' }),
    current: t === state.theorem,
  }));
  const caseItems: ChooserItem[] = caseFiles.map((f) => ({ label: basename(f), hint: relative(process.cwd(), f) || f, current: f === state.caseFile }));

  // What the key handler needs, as of the latest render: Ink subscribes the handler in an
  // effect, which may run after a key already arrived.
  const forKeys = {
    steps: steps.length,
    followed: followIndex(run),
    maxScroll: view.overlay === 'manifold' ? Math.max(0, manifold.length - (middle ?? manifold.length)) : maxScroll,
    page: Math.max(1, (detailHeight ?? 10) - 2),
    caseFile: state.caseFile,
    theorem: state.theorem,
  };
  const latest = useRef(forKeys);
  latest.current = forKeys;

  useKeys((input, key) => {
    const v = viewRef.current;
    const now = latest.current;
    const { view: next, effect } = onKey(v, input, key, {
      mode,
      steps: now.steps,
      followed: now.followed,
      maxScroll: now.maxScroll,
      page: now.page,
      choices: v.overlay === 'cases' ? caseFilesRef.current.length : session.deps.theorems.length,
      currentTheorem: Math.max(0, session.deps.theorems.indexOf(now.theorem)),
    });
    update(next);
    switch (effect?.type) {
      case undefined:
        return;
      case 'quit':
        return quit();
      case 'interrupt':
        return quit('interrupt');
      case 'toggle-pause':
        session.togglePause();
        return;
      case 'perturb':
        void session.perturbTargets();
        return;
      case 'open-cases': {
        const files = session.deps.caseFiles();
        caseFilesRef.current = files;
        setCaseFiles(files);
        update({ ...next, overlay: 'cases', choice: Math.max(0, files.indexOf(now.caseFile)) });
        return;
      }
      case 'choose-theorem': {
        const t = session.deps.theorems[effect.index];
        if (t) void session.chooseTheorem(t);
        return;
      }
      case 'walk-manifold': {
        const walk = ++walkNumber.current;
        const c = session.getState().case;
        setManifold([`Walking along M on ${c.name}: certifying the start, walking 30 steps, certifying the end…`]);
        const show = (lines: readonly string[]) => {
          if (walk === walkNumber.current) setManifold(lines);
        };
        // The explorer loads when first asked for: the walkthrough starts sooner without it.
        import('../explore/index.js')
          .then(({ walkLines }) => walkLines(c, { width, theorems: session.deps.theorems }))
          .then(show, (e: unknown) => show([`The walk stopped: ${e instanceof Error ? e.message : String(e)}`]));
        return;
      }
      case 'choose-case': {
        const file = caseFilesRef.current[effect.index];
        if (file !== undefined) void session.chooseCase(file);
        return;
      }
    }
  });

  let body;
  if (view.overlay === 'help') body = <Help width={width} mode={mode} opened={opened} />;
  else if (view.overlay === 'theorems')
    body = <Chooser title="Choose a theorem" items={theoremItems} selected={view.choice} width={width} {...(middle !== undefined ? { height: middle } : {})} />;
  else if (view.overlay === 'manifold')
    body = <Lines lines={manifold.map((text) => ({ text }))} offset={view.scroll} width={width} {...(middle !== undefined ? { height: middle } : {})} />;
  else if (view.overlay === 'cases')
    body = <Chooser title="Choose a case" items={caseItems} selected={view.choice} width={width} {...(middle !== undefined ? { height: middle } : {})} />;
  else if (opened) body = <Lines {...detailProps} offset={view.scroll} width={width} />;
  else if (wide)
    body = (
      <Box flexDirection="row">
        <StepList steps={steps} selected={current} width={listWidth} {...(listHeight !== undefined ? { height: listHeight } : {})} />
        <Box marginLeft={2}>
          <Lines {...detailProps} offset={preview} width={detailWidth} />
        </Box>
      </Box>
    );
  else
    body = (
      <Box flexDirection="column">
        <StepList steps={steps} selected={current} width={width} {...(listHeight !== undefined ? { height: listHeight } : {})} />
        <Text dimColor>{'─'.repeat(width)}</Text>
        <Lines {...detailProps} offset={preview} width={width} />
      </Box>
    );

  return (
    <Box flexDirection="column" width={width}>
      <Header {...headerProps} />
      <Statement {...statementProps} />
      <Text dimColor>{'─'.repeat(width)}</Text>
      {body}
      {narration.length > 0 && (
        <Box flexDirection="column" marginTop={1}>
          {narration.map((line, i) => (
            <Text key={i} color="magenta" wrap="truncate-end">
              {i === 0 ? '» ' : '  '}
              {line}
            </Text>
          ))}
        </Box>
      )}
      {showSummary && <Summary runs={state.completed} width={width} />}
      <Footer {...footerProps} />
    </Box>
  );
}

