/**
 * Reading a certificate for the verifier: the JSON's shape (zod), then the exact data. Anything
 * that is not a certificate of format overparam-certificate/1 is a NotACertificate error naming
 * the field (exit 2); everything past this module works on the typed shape.
 *
 * Only the data the certificate carries is read: `input` (data, model, loss), `case` (sizes),
 * `point` (names, values, enclosure, and a trained network's weights and distance) and `results` (steps with verdict, rigor, data; claims).
 * Verdicts are read to be compared, never to be believed.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { z } from 'zod';
import { fromDecimal, fromNumber, parse, type Rational } from '../rational.js';

export const CERTIFICATE_FORMAT = 'overparam-certificate/1';

/** The file is not a certificate: the field and what is wrong. */
export class NotACertificate extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'NotACertificate';
  }
}

/** The largest certificate file `verify` reads, in bytes (SPEC: 256 MB). */
export const CERTIFICATE_MAX_BYTES = 256 * 1024 * 1024;

/** A certificate file that cannot be read: not there, not a regular file, or too large. */
export class UnreadableCertificate extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableCertificate';
  }
}

/**
 * The text of a certificate file, read only if it is a regular file of at most `maxBytes` bytes.
 * It is opened non-blocking and checked on the open descriptor (fstat), so a FIFO cannot block,
 * /dev/zero and /dev/urandom cannot fill memory, and the file checked is the file read.
 */
export function readCertificateFile(file: string, maxBytes = CERTIFICATE_MAX_BYTES): string {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UnreadableCertificate(code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? String(e)})`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      const what = st.isDirectory() ? 'a directory' : st.isFIFO() ? 'a FIFO' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : st.isSocket() ? 'a socket' : 'not a file';
      throw new UnreadableCertificate(`not a regular file (${what}); a certificate is a JSON file`);
    }
    if (st.size > maxBytes) throw new UnreadableCertificate(`${st.size} bytes; the limit for a certificate is ${maxBytes} bytes`);
    // Read at most maxBytes + 1, so a file that grows while read is still caught.
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let got = 0;
    for (;;) {
      const r = readSync(fd, buf, got, buf.length - got, null);
      if (r === 0) break;
      got += r;
      if (got > maxBytes) throw new UnreadableCertificate(`more than ${maxBytes} bytes; the limit for a certificate is ${maxBytes} bytes`);
      if (got === buf.length) break;
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, got));
    } catch {
      throw new UnreadableCertificate('not UTF-8 text');
    }
  } finally {
    closeSync(fd);
  }
}

const num = z.union([z.number(), z.string()]);
const activation = z.union([
  z.string(),
  z.object({ name: z.string(), positive: z.string() }),
  z.object({ name: z.string(), expr: z.string() }),
]);
const model = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('mlp'), hidden: z.array(z.number().int().positive()), activation }),
  z.object({
    kind: z.literal('dag'),
    nodes: z.array(z.string()),
    inputs: z.array(z.string()),
    outputs: z.array(z.string()),
    edges: z.array(z.tuple([z.string(), z.string()])),
    activation,
  }),
  z.object({ kind: z.literal('expression'), params: z.array(z.string()), inputs: z.array(z.string()), output: z.array(z.string()) }),
]);
const loss = z.union([z.enum(['sum', 'mean', 'abs']), z.object({ power: z.number().min(1) })]);
const verdict = z.enum(['holds', 'fails', 'unknown', 'skipped']);
const rigor = z.enum(['exact', 'symbolic', 'interval', 'cited', 'float']);
const json: z.ZodType<unknown> = z.unknown();
const step = z.object({ id: z.string(), verdict, rigor, summary: z.string(), data: z.record(z.string(), json) });
const result = z.object({
  theorem: z.string(),
  verdict: z.enum(['certified', 'supported', 'fails', 'inconclusive']),
  steps: z.array(step),
  claims: z.record(z.string(), json),
});
/** The parts a construction certificate (construction.ts) shares with this one. */
export const parts = { model, loss, result, num };

const schema = z.object({
  format: z.literal(CERTIFICATE_FORMAT),
  tool: z.object({ name: z.string(), version: z.string() }),
  case: z.object({
    name: z.string(),
    sha256: z.string(),
    d: z.number().int().nonnegative(),
    m: z.number().int().positive(),
    k: z.number().int().positive(),
    n: z.number().int().nonnegative(),
  }),
  input: z.object({
    data: z.object({ x: z.array(z.array(num)), y: z.union([z.array(num), z.array(z.array(num))]) }),
    model,
    loss,
    seed: z.number(),
    perturb: z.number(),
    notes: z.array(z.string()),
  }),
  point: z
    .object({
      names: z.array(z.string()),
      values: z.array(z.number()),
      enclosure: z.array(z.tuple([z.number(), z.number()])).optional(),
      method: z.string(),
      // a network trained elsewhere: its weights as read, and a bound on ‖w* − w̃‖∞ over the box
      trained: z.array(z.number()).optional(),
      distance: z.number().optional(),
    })
    .nullable(),
  results: z.array(result),
});

export type CertificateJson = z.infer<typeof schema>;
export type StepJson = z.infer<typeof step>;
export type ResultJson = z.infer<typeof result>;
export type ModelJson = z.infer<typeof model>;
export type ActivationJson = z.infer<typeof activation>;
export type LossJson = z.infer<typeof loss>;

/** A certificate with its data made exact. */
export interface ReadCertificate {
  readonly json: CertificateJson;
  readonly d: number;
  readonly m: number;
  readonly k: number;
  /** d rows of m exact inputs */
  readonly x: readonly (readonly Rational[])[];
  /** d rows of k exact targets */
  readonly y: readonly (readonly Rational[])[];
}

function exactOf(v: number | string, field: string): Rational {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new NotACertificate(field, `expected a finite number, got ${v}`);
    return fromNumber(v);
  }
  const r = fromDecimal(v) ?? parse(v);
  if (r === undefined) throw new NotACertificate(field, `expected a number or an exact decimal string, got "${v}"`);
  return r;
}

/** Parses and checks the shape; throws NotACertificate with the first bad field. */
export function readCertificate(value: unknown): ReadCertificate {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    throw new NotACertificate(path || '(top level)', issue.message);
  }
  const json = parsed.data;
  const rawX = json.input.data.x;
  const rawY = json.input.data.y;
  const d = rawX.length;
  const m = d > 0 ? rawX[0]!.length : json.case.m;
  const x = rawX.map((row, i) => {
    if (row.length !== m) throw new NotACertificate(`input.data.x[${i}]`, `expected ${m} numbers, got ${row.length}`);
    return row.map((v, j) => exactOf(v, `input.data.x[${i}][${j}]`));
  });
  if (rawY.length !== d) throw new NotACertificate('input.data.y', `expected ${d} targets (one per input), got ${rawY.length}`);
  const y = rawY.map((row, i) => (Array.isArray(row) ? row : [row]).map((v, o) => exactOf(v, `input.data.y[${i}]${Array.isArray(row) ? `[${o}]` : ''}`)));
  const k = y[0]?.length ?? json.case.k;
  y.forEach((row, i) => {
    if (row.length !== k) throw new NotACertificate(`input.data.y[${i}]`, `expected ${k} targets, got ${row.length}`);
  });
  return { json, d, m, k, x, y };
}
