/**
 * Progress of a batch on stderr. On a terminal, one line redrawn in place: a bar, the count, the
 * rate, the time left and the case that just finished. Into a pipe or a file, one plain line per
 * finished case (a log reads better than carriage returns).
 *
 *   ▕██████████▋         ▏ 12/40  30%  3.1 cases/s  ETA 9s  iris-k1
 */

/** Where the batch stands. */
export interface ProgressState {
  readonly done: number;
  readonly total: number;
  readonly elapsedMs: number;
  /** cases the checker could not finish */
  readonly errors: number;
  /** the case that finished last */
  readonly last?: string;
}

/** Eighths of a cell, for a bar that moves smoothly. */
const PARTIAL = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar of `width` cells filled to `fraction` (clamped to [0, 1]). */
export function bar(fraction: number, width: number): string {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const eighths = Math.round(f * width * 8);
  const full = Math.floor(eighths / 8);
  const part = PARTIAL[eighths % 8]!;
  return `▕${'█'.repeat(full)}${part}${' '.repeat(width - full - (part ? 1 : 0))}▏`;
}

/** A duration for people: 9s, 1:05, 1:02:03. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** Cases per second so far; 0 before anything finished. */
export function rate(s: ProgressState): number {
  return s.done > 0 && s.elapsedMs > 0 ? s.done / (s.elapsedMs / 1000) : 0;
}

/** Time left at the rate so far; undefined before the first case finished. */
export function eta(s: ProgressState): number | undefined {
  const r = rate(s);
  return r > 0 ? ((s.total - s.done) / r) * 1000 : undefined;
}

const rateText = (r: number): string => (r >= 10 ? r.toFixed(0) : r.toFixed(1));

/** The terminal line, at most `columns` cells wide (the case name is cut first, then the bar). */
export function progressBar(s: ProgressState, columns: number): string {
  const digits = String(s.total).length;
  const count = `${String(s.done).padStart(digits)}/${s.total}`;
  const pct = `${String(Math.floor((s.total > 0 ? s.done / s.total : 1) * 100)).padStart(3)}%`;
  const left = eta(s);
  const facts = [
    count,
    pct,
    `${rateText(rate(s))} cases/s`,
    s.done >= s.total ? `in ${duration(s.elapsedMs)}` : `ETA ${left === undefined ? '–' : duration(left)}`,
    ...(s.errors > 0 ? [`${s.errors} error${s.errors === 1 ? '' : 's'}`] : []),
  ].join('  ');
  const room = Math.max(20, columns - 1); // the last column would wrap on some terminals
  const barWidth = Math.max(0, Math.min(30, room - facts.length - 4));
  let line = barWidth >= 5 ? `${bar(s.total > 0 ? s.done / s.total : 1, barWidth)} ${facts}` : facts;
  const name = s.last ?? '';
  if (name && line.length + 2 < room) {
    const space = room - line.length - 2;
    line += `  ${name.length > space ? `${name.slice(0, Math.max(0, space - 1))}…` : name}`;
  }
  return line.length > room ? line.slice(0, room) : line;
}

/** The line for a log: `[12/40] name (3.1 cases/s)`. */
export function progressLogLine(s: ProgressState): string {
  return `[${s.done}/${s.total}] ${s.last ?? ''} (${rateText(rate(s))} cases/s)`;
}

export interface ProgressIO {
  readonly stderr: (s: string) => void;
  readonly stderrIsTTY?: boolean;
  readonly stderrColumns?: number;
}

export interface Progress {
  /** a case finished (ok or not) */
  done(name: string, ok: boolean): void;
  /** the batch is over: the last line stays, the timer stops */
  stop(): void;
}

/**
 * Progress for `total` cases; nothing for a single case. On a terminal the line is also redrawn
 * every half second, so the time left keeps moving while one slow case runs.
 */
export function createProgress(io: ProgressIO, total: number, now: () => number = () => performance.now()): Progress {
  if (total < 2) return { done: () => {}, stop: () => {} };
  const started = now();
  let done = 0;
  let errors = 0;
  let last: string | undefined;
  // The clock stops with the last case, so the final line says how long the cases took.
  let finished: number | undefined;
  const state = (): ProgressState => {
    if (done >= total) finished ??= now();
    return { done, total, errors, elapsedMs: (finished ?? now()) - started, ...(last !== undefined ? { last } : {}) };
  };
  if (io.stderrIsTTY !== true) {
    return {
      done(name, ok) {
        done++;
        if (!ok) errors++;
        last = name;
        io.stderr(`${progressLogLine(state())}\n`);
      },
      stop: () => {},
    };
  }
  const columns = io.stderrColumns && io.stderrColumns > 0 ? io.stderrColumns : 80;
  const draw = () => io.stderr(`\r\x1b[2K${progressBar(state(), columns)}`);
  draw();
  const timer = setInterval(draw, 500);
  timer.unref();
  let stopped = false;
  return {
    done(name, ok) {
      done++;
      if (!ok) errors++;
      last = name;
      draw();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      draw();
      io.stderr('\n');
    },
  };
}
