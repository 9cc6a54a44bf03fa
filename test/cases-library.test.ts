/**
 * The case library: every file in cases/ runs through the real runner, and its verdicts, the
 * step each failing theorem fails at, and the exit code `overparam check` would give are what
 * the table says. A case added to cases/ without a row here fails the first test, on purpose:
 * a teaching case is only as good as the answer it is known to give.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadCase } from '../src/models/case.js';
import { EXIT, exitCodeFor, type ExitCode } from '../src/cli/exit.js';
import { runCase } from '../src/proof/runner.js';
import type { TheoremVerdict } from '../src/proof/types.js';
import { selectTheorems } from '../theorems/index.js';

const CASES = fileURLToPath(new URL('../cases/', import.meta.url));

interface Expected {
  /** theorem → verdict; the keys are also the theorems run (`--theorem`), in this order */
  readonly verdicts: Readonly<Record<string, TheoremVerdict>>;
  /** theorem → id of the first step that fails, for each theorem whose verdict is `fails` */
  readonly failsAt?: Readonly<Record<string, string>>;
  readonly exit: ExitCode;
}

// Every case runs all of the theorems its file lists (or all that fit); none is left out for
// time. The heaviest, iris-k1 (n = 895, d = 149, four theorems), takes a few seconds.
const EXPECTED: Readonly<Record<string, Expected>> = {
  'conflicting-duplicates.yaml': {
    verdicts: { '3.3': 'fails', '4.1': 'fails' },
    failsAt: { '3.3': 'distinct-inputs', '4.1': 'distinct-inputs' },
    exit: EXIT.fails,
  },
  'dag-layer.yaml': { verdicts: { '3.3': 'certified', '4.1': 'certified' }, exit: EXIT.ok },
  'dag-skip.yaml': { verdicts: { '2.1': 'certified', '2.3': 'supported' }, exit: EXIT.ok },
  'deep-bump.yaml': { verdicts: { '3.4': 'certified', '4.1': 'certified' }, exit: EXIT.ok },
  'deep-smoolu.yaml': { verdicts: { '3.4': 'certified', '4.1': 'certified' }, exit: EXIT.ok },
  'iris-k1.yaml': {
    verdicts: { '2.1': 'certified', '2.3': 'certified', '3.3': 'certified', '4.1': 'certified' },
    exit: EXIT.ok,
  },
  'iris-raw.yaml': {
    verdicts: { '3.3': 'fails', '4.1': 'fails' },
    failsAt: { '3.3': 'distinct-inputs', '4.1': 'distinct-inputs' },
    exit: EXIT.fails,
  },
  'iris.yaml': { verdicts: { '3.3': 'certified', '4.1': 'certified', '4.2': 'certified' }, exit: EXIT.ok },
  'mlp-zero-critical.yaml': {
    verdicts: { '2.1': 'fails', '2.3': 'fails' },
    failsAt: { '2.1': 'jacobian-full-rank', '2.3': 'jacobian-full-rank' },
    exit: EXIT.fails,
  },
  'narrow.yaml': {
    verdicts: { '3.3': 'fails', '4.1': 'fails' },
    failsAt: { '3.3': 'width-at-least-d', '4.1': 'width-at-least-d' },
    exit: EXIT.fails,
  },
  'parity3.yaml': {
    verdicts: { '2.1': 'certified', '2.3': 'certified', '3.3': 'certified', '4.1': 'certified' },
    exit: EXIT.ok,
  },
  'product-abs.yaml': {
    verdicts: { '2.2': 'supported', '2.3': 'fails' },
    failsAt: { '2.3': 'loss-is-square' },
    exit: EXIT.fails,
  },
  'product-critical.yaml': {
    verdicts: { '2.1': 'fails', '2.3': 'fails' },
    failsAt: { '2.1': 'jacobian-full-rank', '2.3': 'jacobian-full-rank' },
    exit: EXIT.fails,
  },
  'product-generic.yaml': { verdicts: { '2.1': 'certified', '2.3': 'certified' }, exit: EXIT.ok },
  'product-perturbed.yaml': { verdicts: { '2.1': 'certified', '2.3': 'certified' }, exit: EXIT.ok },
  'product-power3.yaml': { verdicts: { '2.2': 'supported' }, exit: EXIT.ok },
  'relu-lemma.yaml': {
    verdicts: { '3.3': 'certified', '4.1': 'fails' },
    failsAt: { '4.1': 'activation-smooth' },
    exit: EXIT.fails,
  },
  'relu-not-smooth.yaml': { verdicts: { '2.1': 'fails' }, failsAt: { '2.1': 'smooth-model' }, exit: EXIT.fails },
  'sine.yaml': {
    verdicts: { '2.1': 'certified', '2.3': 'certified', '3.3': 'certified', '4.1': 'certified' },
    exit: EXIT.ok,
  },
  'sphere-cylinder.yaml': { verdicts: { '2.1': 'certified', '2.3': 'certified' }, exit: EXIT.ok },
  'tanh.yaml': {
    verdicts: { '3.3': 'fails', '4.1': 'fails' },
    failsAt: { '3.3': 'activation-vanishes-nonpositive', '4.1': 'activation-vanishes-nonpositive' },
    exit: EXIT.fails,
  },
  'two-outputs-mean.yaml': { verdicts: { '2.2': 'supported', '2.3': 'certified' }, exit: EXIT.ok },
  'two-outputs.yaml': { verdicts: { '2.1': 'certified', '2.3': 'certified' }, exit: EXIT.ok },
  'wine-like.yaml': { verdicts: { '2.3': 'certified' }, exit: EXIT.ok },
  'xor.yaml': {
    verdicts: { '2.1': 'certified', '2.3': 'certified', '3.3': 'certified', '4.1': 'certified' },
    exit: EXIT.ok,
  },
};

const caseFiles = readdirSync(CASES)
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .sort();

describe('the case library', () => {
  it('has a row in the table for every case file, and no row without a file', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(caseFiles);
  });

  it.each(caseFiles)('%s describes itself (a description a reader sees in the walkthrough)', (file) => {
    const raw = parseYaml(readFileSync(join(CASES, file), 'utf8')) as { description?: unknown };
    expect(typeof raw.description).toBe('string');
    expect(String(raw.description).length).toBeGreaterThan(20);
  });

  it.each(Object.entries(EXPECTED))('%s gives the expected verdicts and exit code', async (file, expected) => {
    const c = loadCase(join(CASES, file));
    const ids = Object.keys(expected.verdicts);
    const cert = await runCase(c, selectTheorems(c, ids));
    const verdicts = Object.fromEntries(cert.results.map((r) => [r.theorem, r.verdict]));
    expect(verdicts).toEqual(expected.verdicts);
    const failsAt = Object.fromEntries(
      cert.results.filter((r) => r.verdict === 'fails').map((r) => [r.theorem, r.steps.find((s) => s.verdict === 'fails')?.id]),
    );
    expect(failsAt).toEqual(expected.failsAt ?? {});
    expect(exitCodeFor(cert.results.map((r) => r.verdict))).toBe(expected.exit);
  });

  it('runs what each file asks for: the table lists the theorems the file names (or all that fit)', () => {
    for (const file of caseFiles) {
      const c = loadCase(join(CASES, file));
      expect(selectTheorems(c).map((t) => t.id), file).toEqual(Object.keys(EXPECTED[file]!.verdicts));
    }
  });
});
