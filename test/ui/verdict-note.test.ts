/**
 * What the walkthrough says under a statement once the run ends: on the project's failing cases
 * (tanh, conflicting duplicates, a critical point) that the claim does not hold here, naming the
 * step that stopped it with its own evidence; the hint where a search would answer; nothing on a
 * case where the theorem is certified.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCase } from '../../src/models/case.js';
import { runTheorem } from '../../src/proof/runner.js';
import { Workspace } from '../../src/workspace/workspace.js';
import { applyEvent, followIndex, pendingRun, type TheoremRun } from '../../src/ui/state.js';
import { searchHint, verdictNote } from '../../src/ui/verdict-note.js';
import { inCaseTerms } from '../../src/ui/words.js';
import { findTheorem, paperName, THEOREMS } from '../../theorems/index.js';

const CASES = fileURLToPath(new URL('../../cases/', import.meta.url));

async function ran(file: string, id: string): Promise<{ run: TheoremRun; c: ReturnType<typeof loadCase> }> {
  const c = loadCase(join(CASES, file));
  const t = findTheorem(id)!;
  let run = pendingRun(t, c.data.k);
  await runTheorem(t, new Workspace(c), { onEvent: (e) => (run = applyEvent(run, e)) });
  return { run, c };
}

describe('a failing case opens on the step that fails, and says so under the claim', () => {
  it.each([
    ['tanh.yaml', '4.1', 'activation-vanishes-nonpositive', /σ\(-1\) = -0\.76/],
    ['conflicting-duplicates.yaml', '4.1', 'distinct-inputs', /./],
    ['product-critical.yaml', '2.1', undefined, /./],
  ] as const)('%s, Theorem %s', async (file, id, stepId, witness) => {
    const { run } = await ran(file, id);
    const verdict = run.result!.verdict;
    expect(['fails', 'inconclusive']).toContain(verdict);
    const opened = run.steps[followIndex(run)]!;
    // the first step, in order, that fails or is unknown
    expect(opened.result!.verdict).toMatch(/fails|unknown/);
    expect(run.steps.slice(0, opened.index).every((s) => s.result!.verdict === 'holds' || s.result!.verdict === 'skipped')).toBe(true);
    if (stepId !== undefined) expect(opened.step.id).toBe(stepId);
    const note = verdictNote(run)!;
    expect(note.text).toContain(verdict === 'fails' ? 'does not hold on this case' : 'Not decided on this case');
    expect(note.text).toContain(`step ${opened.index + 1}, ${opened.title}`);
    expect(note.text).toMatch(witness);
  });

  it('says nothing of the kind where the theorem is certified, and opens on step 1', async () => {
    const { run } = await ran('xor.yaml', '4.1');
    expect(run.result!.verdict).toBe('certified');
    expect(verdictNote(run)).toBeUndefined();
    expect(followIndex(run)).toBe(0);
  });
});

describe('the point: search hint', () => {
  it('is given where the construction does not apply (tanh), and not on xor', async () => {
    const tanh = await ran('tanh.yaml', '4.1');
    expect(searchHint(tanh.run, tanh.c)?.text).toMatch(/Theorem 2\.1 looks for one by a search/);
    const xor = await ran('xor.yaml', '4.1');
    expect(searchHint(xor.run, xor.c)).toBeUndefined();
  });

  it('is given to Theorem 2.1 at an explicit point: construct that does not apply', async () => {
    const c = { ...loadCase(join(CASES, 'tanh.yaml')), point: { kind: 'construct' } as const };
    const t = findTheorem('2.1')!;
    let run = pendingRun(t, 1);
    await runTheorem(t, new Workspace(c), { onEvent: (e) => (run = applyEvent(run, e)) });
    expect(run.result!.verdict).toBe('inconclusive');
    expect(searchHint(run, c)?.text).toMatch(/point: search/);
  });
});

describe("the paper's names", () => {
  it.each([
    ['2.1', 'Theorem 2.1'],
    ['2.2', 'Remark 2.2'],
    ['2.3', 'Proposition 2.3'],
    ['3.3', 'Lemma 3.3'],
    ['3.4', 'Corollary 3.4'],
    ['4.1', 'Theorem 4.1'],
    ['4.2', 'Remark 4.2'],
  ])('%s is %s, and its title says so', (id, name) => {
    expect(paperName(id)).toBe(name);
    expect(findTheorem(id)!.title.startsWith(`${name}:`)).toBe(true);
  });

  it('titles say d·k, read as d with one output', () => {
    const titles = THEOREMS.flatMap((t) => [t.title, ...t.steps.map((s) => s.title)]);
    // no title says rank d or dimension n − d where k outputs make it d·k
    for (const title of titles) expect(title).not.toMatch(/rank J = d\b(?!·)|n − d\b(?!·)/);
    expect(inCaseTerms('rank J = d·k at the constructed point', 1)).toBe('rank J = d at the constructed point');
    expect(inCaseTerms('rank J = d·k at the constructed point', 3)).toBe('rank J = d·k at the constructed point');
  });
});
