import { describe, expect, it } from 'vitest';
import { THEOREM_IDS as CASE_IDS } from '../../src/evidence.js';
import { THEOREMS, THEOREM_IDS } from '../../theorems/index.js';

describe('the theorem registry', () => {
  it('registers every id a case file may name, in the paper order', () => {
    expect(THEOREMS.map((t) => t.id)).toEqual([...THEOREM_IDS]);
    expect([...CASE_IDS]).toEqual([...THEOREM_IDS]);
  });
});
