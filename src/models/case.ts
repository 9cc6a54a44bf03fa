/**
 * A case as the rest of the program takes it: read and validated field by field (src/cases/load.ts),
 * then checked against its compiled model (src/models/compiles.ts: user expressions parse inside
 * the sandbox, a given point names exactly the model's parameters) and against the memory its
 * theorems would need (src/models/size.ts). The second check needs the
 * models, so it lives on this floor, not in cases/. Every problem is one CaseError line.
 */
import { inFile, readCaseFile, readCaseObject, readCaseText, type CaseOptions } from '../cases/load.js';
import type { Case } from '../cases/types.js';
import { checkCompiles } from './compiles.js';
import { doesNotFit, sizeField } from './size.js';
import { fail } from '../cases/errors.js';

function checked(c: Case): Case {
  return inFile(c.file, () => {
    // Before anything of the model is built: a case that cannot fit is refused with its estimate.
    const tooBig = doesNotFit(c.model, c.data.d, c.data.m, c.data.k);
    if (tooBig !== undefined) fail(sizeField(c.model), tooBig);
    checkCompiles(c.model, c.point, c.data.m, c.data.k);
    return c;
  });
}

/** A case from a value already parsed (tests, cases built in memory); see readCaseObject. */
export function caseFromObject(obj: unknown, file: string, opts: CaseOptions & { readonly sha256?: string } = {}): Case {
  return checked(readCaseObject(obj, file, opts));
}

/** A case from the text of a case file; see readCaseText. */
export function parseCase(text: string, file: string, opts: CaseOptions = {}): Case {
  return checked(readCaseText(text, file, opts));
}

/** Reads, parses and validates a case file. Throws CaseError (one line) on any problem. */
export function loadCase(file: string, opts: Pick<CaseOptions, 'allowRead'> = {}): Case {
  return checked(readCaseFile(file, opts));
}
