/**
 * A real headless browser (Debian's chromium) driven over the DevTools protocol on a pipe
 * (--remote-debugging-pipe: JSON messages ended by NUL on file descriptors 3 and 4), so a test
 * can set the viewport width, ask the page for its layout, press its buttons, hear everything
 * it logs, and take screenshots, in one browser with no package beyond Node.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** Whether `chromium` runs here; tests that need it say so when they skip. */
export const hasChromium = ((): boolean => {
  try {
    return spawnSync('chromium', ['--version'], { encoding: 'utf8', timeout: 30_000 }).status === 0;
  } catch {
    return false;
  }
})();

type Message = { id?: number; method?: string; params?: Record<string, unknown>; result?: unknown; error?: { message: string }; sessionId?: string };

/** What a page said on its console or failed to do, one line each. */
export interface PageLog {
  readonly errors: string[];
}

export class Browser {
  private readonly child: ChildProcess;
  private readonly input: Writable;
  private readonly profile: string;
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Set<(m: Message) => void>();
  private buffered = '';

  private constructor() {
    this.profile = mkdtempSync(join(tmpdir(), 'overparam-chromium-'));
    this.child = spawn(
      'chromium',
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--hide-scrollbars',
        '--remote-debugging-pipe',
        `--user-data-dir=${this.profile}`,
        'about:blank',
      ],
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
    );
    this.input = this.child.stdio[3] as Writable;
    const output = this.child.stdio[4] as Readable;
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => {
      this.buffered += chunk;
      let end: number;
      while ((end = this.buffered.indexOf('\0')) >= 0) {
        const m = JSON.parse(this.buffered.slice(0, end)) as Message;
        this.buffered = this.buffered.slice(end + 1);
        this.dispatch(m);
      }
    });
    this.child.on('exit', () => {
      for (const w of this.waiting.values()) w.reject(new Error('chromium exited'));
      this.waiting.clear();
    });
  }

  static launch(): Browser {
    return new Browser();
  }

  private dispatch(m: Message): void {
    if (m.id !== undefined) {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.error) w?.reject(new Error(m.error.message));
      else w?.resolve(m.result);
      return;
    }
    for (const l of this.listeners) l(m);
  }

  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<T> {
    const id = this.next++;
    const p = new Promise<T>((resolve, reject) => this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject }));
    this.input.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
    return p;
  }

  /** Opens `url` in a new tab whose viewport is `width` CSS px wide; resolves after its load event. */
  async open(url: string, width: number, height = 900): Promise<Page> {
    const { targetId } = await this.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    const log: PageLog = { errors: [] };
    let loaded: () => void = () => {};
    const load = new Promise<void>((resolve) => (loaded = resolve));
    const listener = (m: Message): void => {
      if (m.sessionId !== sessionId) return;
      const p = m.params ?? {};
      if (m.method === 'Page.loadEventFired') loaded();
      else if (m.method === 'Runtime.exceptionThrown') {
        const d = p.exceptionDetails as { text?: string; exception?: { description?: string } };
        log.errors.push(`uncaught: ${d.exception?.description ?? d.text ?? '?'}`);
      } else if (m.method === 'Runtime.consoleAPICalled' && (p.type === 'error' || p.type === 'warning' || p.type === 'assert')) {
        const args = (p.args as { value?: unknown; description?: string }[]).map((a) => String(a.value ?? a.description ?? ''));
        log.errors.push(`console.${String(p.type)}: ${args.join(' ')}`);
      } else if (m.method === 'Log.entryAdded') {
        const e = p.entry as { level: string; text: string; url?: string };
        if (e.level === 'error' || e.level === 'warning') log.errors.push(`${e.level}: ${e.text}${e.url ? ` (${e.url})` : ''}`);
      }
    };
    this.listeners.add(listener);
    await Promise.all(['Page.enable', 'Runtime.enable', 'Log.enable'].map((m) => this.send(m, {}, sessionId)));
    await this.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false }, sessionId);
    await this.send('Page.navigate', { url }, sessionId);
    await load;
    return new Page(this, sessionId, targetId, log, () => this.listeners.delete(listener));
  }

  async close(): Promise<void> {
    try {
      const exited = new Promise((r) => this.child.once('exit', r));
      await Promise.race([this.send('Browser.close').then(() => exited), new Promise((r) => setTimeout(r, 5_000))]);
    } catch {
      // already gone
    }
    if (this.child.exitCode === null) {
      const gone = new Promise((r) => this.child.once('exit', r));
      this.child.kill();
      await gone;
    }
    rmSync(this.profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

export class Page {
  constructor(
    private readonly browser: Browser,
    private readonly sessionId: string,
    private readonly targetId: string,
    readonly log: PageLog,
    private readonly detach: () => void,
  ) {}

  /** The value of a JavaScript expression in the page (awaited if it is a promise), as JSON. */
  async evaluate<T>(expression: string): Promise<T> {
    const r = await this.browser.send<{ result: { value?: T }; exceptionDetails?: { text: string; exception?: { description?: string } } }>(
      'Runtime.evaluate',
      { expression, returnByValue: true, awaitPromise: true },
      this.sessionId,
    );
    if (r.exceptionDetails) throw new Error(`in the page: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value as T;
  }

  /** A PNG of the whole page (not only the viewport) at its current width, or of one rectangle of it (CSS px). */
  async screenshot(clip?: { x: number; y: number; width: number; height: number }): Promise<Buffer> {
    const r = await this.browser.send<{ data: string }>(
      'Page.captureScreenshot',
      { format: 'png', captureBeyondViewport: true, ...(clip ? { clip: { ...clip, scale: 1 } } : {}) },
      this.sessionId,
    );
    return Buffer.from(r.data, 'base64');
  }

  async close(): Promise<void> {
    this.detach();
    await this.browser.send('Target.closeTarget', { targetId: this.targetId });
  }
}
