/**
 * The gate's table (src/proof/gate.ts), row by row: what a step's evidence becomes under each of
 * the kernel's judgements.
 */
import { describe, expect, it } from 'vitest';
import { applyJudgement } from '../../src/proof/gate.js';
import type { Evidence } from '../../src/proof/types.js';

const ev = (verdict: Evidence['verdict'], rigor: Evidence['rigor']): Evidence => ({ verdict, rigor, summary: 'checker', data: {} });

describe('applyJudgement', () => {
  it('a float-only failure the kernel cannot prove is unknown; one it proves takes the kernel\'s grade', () => {
    expect(applyJudgement(ev('fails', 'float'), { status: 'open', why: 'x' }).verdict).toBe('unknown');
    const proven = applyJudgement(ev('fails', 'float'), { status: 'proven', verdict: 'fails', rigor: 'interval', why: 'σ(1) ≤ 0' });
    expect(proven).toMatchObject({ verdict: 'fails', rigor: 'interval' });
    expect(proven.summary).toContain('σ(1) ≤ 0');
  });

  it('float evidence the kernel proves cannot hold (a point off M) becomes unknown, graded float', () => {
    const r = applyJudgement(ev('holds', 'float'), { status: 'proven', verdict: 'unknown', rigor: 'exact', why: 'F ≠ 0 at the point' });
    expect(r).toMatchObject({ verdict: 'unknown', rigor: 'float' });
  });

  it('the same verdict keeps the weaker grade; another proven verdict replaces it; an open claim of proof becomes float', () => {
    expect(applyJudgement(ev('holds', 'exact'), { status: 'proven', verdict: 'holds', rigor: 'interval', why: '' }).rigor).toBe('interval');
    expect(applyJudgement(ev('fails', 'exact'), { status: 'proven', verdict: 'holds', rigor: 'exact', why: 'σ > 0' })).toMatchObject({ verdict: 'holds', rigor: 'exact' });
    expect(applyJudgement(ev('holds', 'exact'), { status: 'open', why: 'no proof' })).toMatchObject({ verdict: 'holds', rigor: 'float' });
    expect(applyJudgement(ev('fails', 'exact'), { status: 'open', why: 'no proof' })).toMatchObject({ verdict: 'unknown', rigor: 'float' });
    expect(applyJudgement(ev('holds', 'float'), { status: 'open', why: '' })).toMatchObject({ verdict: 'holds', rigor: 'float' });
  });
});
