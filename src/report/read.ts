/**
 * Reading a certificate for a report: the JSON `check --json` prints or `check --out` writes.
 * Only the shape the report reads is checked; a file that is not a certificate gets one line
 * naming the file and the field, like a bad case file.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CERTIFICATE_FORMAT, type Certificate } from '../proof/certificate.js';
import { RIGORS, THEOREM_VERDICTS, VERDICTS } from '../proof/types.js';

export class CertificateReadError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${file}${field ? `: ${field}` : ''}: ${problem}`);
    this.name = 'CertificateReadError';
  }
}

const exact = z.union([z.number(), z.string()]);

const stepSchema = z.looseObject({
  id: z.string(),
  verdict: z.enum(VERDICTS),
  rigor: z.enum(RIGORS),
  summary: z.string(),
  data: z.record(z.string(), z.unknown()),
});

const schema = z.looseObject({
  format: z.literal(CERTIFICATE_FORMAT),
  tool: z.looseObject({ name: z.string(), version: z.string() }),
  case: z.looseObject({
    name: z.string(),
    sha256: z.string(),
    d: z.number().int().nonnegative(),
    m: z.number().int().positive(),
    k: z.number().int().positive(),
    n: z.number().int().nonnegative(),
  }),
  input: z.looseObject({
    data: z.looseObject({ x: z.array(z.array(exact)), y: z.array(z.union([exact, z.array(exact)])) }),
    model: z.unknown(),
    loss: z.unknown(),
    seed: z.number(),
    perturb: z.number(),
    notes: z.array(z.string()),
  }),
  point: z
    .looseObject({
      names: z.array(z.string()),
      values: z.array(z.number()),
      enclosure: z.array(z.tuple([z.number(), z.number()])).optional(),
      method: z.string(),
    })
    .nullable(),
  results: z.array(
    z.looseObject({
      theorem: z.string(),
      verdict: z.enum(THEOREM_VERDICTS),
      steps: z.array(stepSchema),
      claims: z.record(z.string(), z.unknown()),
    }),
  ),
});

/** `results[0].steps[3].verdict` from a zod issue path. */
function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

/** Checks a parsed JSON value; `file` names it in errors. */
export function certificateFromJson(value: unknown, file: string): Certificate {
  let v = value;
  if (Array.isArray(v)) {
    // `check --json` on several cases prints an array: one certificate in it is fine.
    if (v.length !== 1) {
      throw new CertificateReadError(file, '', `holds ${v.length} certificates; a report is one case: write them one per file with check --out DIR`);
    }
    v = v[0];
  }
  const parsed = schema.safeParse(v);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = fieldPath(issue.path);
    const problem =
      issue.path.length === 1 && issue.path[0] === 'format' ? `not an overparam certificate (expected format "${CERTIFICATE_FORMAT}")` : issue.message;
    throw new CertificateReadError(file, field, problem);
  }
  return parsed.data as unknown as Certificate;
}

export function readCertificate(file: string): Certificate {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CertificateReadError(file, '', code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? String(e)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CertificateReadError(file, '', `not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  return certificateFromJson(json, file);
}
