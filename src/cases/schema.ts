/**
 * The case file's shape as zod 4 schemas (strict objects: unknown keys are refused), and the
 * translation of zod's first issue into a field path and an expectation in plain words.
 * Fields with several forms (`data`, `model`, `loss`, `point`, `activation`) are dispatched by
 * hand in the modules that read them, so each message speaks of the form the user chose.
 */
import { z } from 'zod';
import { BUILTIN_ACTIVATIONS } from './types.js';
import { FieldError, describe, fmtInt, type Path } from './errors.js';
import { LIMITS } from './limits.js';

/** Parameter and input names of an expression model (the expression compiler's rule). */
export const NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;

// A custom check (not zod's int/min) so the message speaks of one thing: a positive integer.
const positiveInt = (max = Number.MAX_SAFE_INTEGER) =>
  z.custom<number>((v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 && v <= max, {
    error: (iss) =>
      typeof iss.input === 'number' && Number.isSafeInteger(iss.input) && iss.input > max
        ? `${fmtInt(iss.input)}; the limit is ${fmtInt(max)}`
        : `expected a positive integer, got ${describe(iss.input)}`,
  });

const identifier = z.string().regex(NAME, {
  error: (iss) => `expected a name of letters, digits and _ (not starting with a digit), got ${describe(iss.input)}`,
});

// A dag node name becomes part of parameter names `w[from->to]`, `b[node]`: keep those unambiguous.
const nodeName = z
  .string()
  .min(1)
  .refine((s) => !s.includes('->') && !s.includes('[') && !s.includes(']'), {
    error: (iss) => `expected a node name without "->", "[" or "]", got ${describe(iss.input)}`,
  });

const exprText = z
  .string()
  .max(LIMITS.exprChars)
  .refine((s) => s.trim() !== '', { error: 'expected an expression, got an empty string' });

/** The top level. The polymorphic sections are `unknown` here and read by their own modules. */
export const CaseSchema = z.strictObject({
  /** the JSON Schema an editor validates the file against (schema/case.schema.json); ignored here */
  $schema: z.string().optional(),
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  data: z.unknown().optional(),
  model: z.unknown().optional(),
  loss: z.unknown().optional(),
  point: z.unknown().optional(),
  perturb: z.number().min(0).optional(),
  seed: z.number().int().min(0).optional(),
  theorems: z.unknown().optional(),
});

/** `limit: N` on any data source: the first N rows. */
const limit = positiveInt(LIMITS.rows).optional();

/** `data` written inline; x and y are read by hand (sizes, ragged rows, exact decimals). */
export const InlineDataSchema = z.strictObject({ x: z.unknown().optional(), y: z.unknown().optional(), limit });

const fileName = z.string().min(1);

/** `data` from two .npy files. */
export const NpyDataSchema = z.strictObject({ npy: z.strictObject({ x: fileName, y: fileName }), limit });
/** `data` from one .npz archive with arrays x and y. */
export const NpzDataSchema = z.strictObject({ npz: fileName, limit });
/** `data` from IDX files (MNIST, Fashion-MNIST). */
export const IdxDataSchema = z.strictObject({ idx: z.strictObject({ images: fileName, labels: fileName }), limit });

const columnName = z.string().min(1);

/** `data` read from a CSV file. */
export const CsvDataSchema = z.strictObject({
  csv: z.string().min(1),
  features: z.array(columnName).min(1).optional(),
  target: z.union([columnName, z.array(columnName).min(1)], { error: 'a column name or a list of column names' }),
  oneHot: z.boolean().optional(),
  dedupe: z.boolean().optional(),
  limit,
});

export const MlpSchema = z.strictObject({
  kind: z.literal('mlp'),
  hidden: z.array(positiveInt()).min(1),
  activation: z.unknown().optional(),
});

/** Edges are read by hand (pairs, known nodes, cycles). */
export const DagSchema = z.strictObject({
  kind: z.literal('dag'),
  nodes: z.array(nodeName).min(1).max(LIMITS.dagNodes),
  inputs: z.array(nodeName).min(1),
  outputs: z.array(nodeName).min(1),
  edges: z.array(z.unknown()).max(LIMITS.dagEdges),
  activation: z.unknown().optional(),
});

export const ExpressionSchema = z.strictObject({
  kind: z.literal('expression'),
  params: z.array(identifier).min(1),
  inputs: z.array(identifier).min(1),
  output: z.union([exprText, z.array(exprText).min(1)], { error: 'an expression or a list of expressions' }),
});

/** A user's activation: `{name, positive}` or `{name, expr}`. */
export const CustomActivationSchema = z.strictObject({
  name: z
    .string()
    .min(1)
    .max(100)
    .refine((s) => !(BUILTIN_ACTIVATIONS as readonly string[]).includes(s), {
      error: (iss) => `expected a name of your own, got ${describe(iss.input)}, a built-in activation`,
    }),
  positive: exprText.optional(),
  expr: exprText.optional(),
});

/** `model: {onnx: FILE}`: the network of an ONNX export. */
export const OnnxModelSchema = z.strictObject({ onnx: fileName });
/** `point: {safetensors: FILE}`: the weights of a PyTorch state_dict. */
export const SafetensorsPointSchema = z.strictObject({ safetensors: fileName });

export const PowerLossSchema = z.strictObject({ power: z.number().min(1) });

export const PointObjectSchema = z.strictObject({
  train: z
    .strictObject({
      steps: positiveInt(LIMITS.trainSteps).optional(),
      rate: z.number().positive().optional(),
    })
    .optional(),
  params: z.record(z.string(), z.number()).optional(),
});

type Issue = z.core.$ZodIssue;

/** An invalid_type's `expected` in words. */
function noun(expected: string, input: unknown): string {
  switch (expected) {
    case 'number':
      return typeof input === 'number' ? 'a finite number' : 'a number';
    case 'int':
      return 'an integer';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    case 'array':
    case 'tuple':
      return 'a list';
    case 'object':
    case 'record':
      return 'a mapping';
    default:
      return 'a value';
  }
}

const bound = (b: number | bigint): string => (typeof b === 'bigint' || Number.isInteger(b) ? fmtInt(b) : String(b));

/** The sub-schema at a relative path, to list the keys an object allows. */
function schemaAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): z.core.$ZodType | undefined {
  let s: z.core.$ZodType | undefined = schema;
  let i = 0;
  while (s !== undefined) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) {
      s = s.unwrap() as z.core.$ZodType;
      continue;
    }
    if (i === path.length) return s;
    const seg = path[i++];
    if (s instanceof z.ZodObject && typeof seg === 'string') s = (s.shape as Record<string, z.core.$ZodType>)[seg];
    else if (s instanceof z.ZodArray && typeof seg === 'number') s = s.element as z.core.$ZodType;
    else if (s instanceof z.ZodRecord) s = s.valueType as z.core.$ZodType;
    else return undefined;
  }
  return undefined;
}

/** The union branch that got furthest: one whose first issue is not "wrong type here". */
function bestBranch(issue: Extract<Issue, { code: 'invalid_union' }>): Issue | undefined {
  for (const branch of issue.errors) {
    const first = branch[0];
    if (first !== undefined && !(first.code === 'invalid_type' && first.path.length === 0)) return first;
  }
  return undefined;
}

/** One issue as a FieldError at `base` + the issue's path. */
function convert(schema: z.core.$ZodType, issue: Issue, base: Path): FieldError {
  const rel = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const path = [...base, ...rel];
  const input = issue.input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return new FieldError(path, `missing: expected ${noun(issue.expected, input)}`);
      return new FieldError(path, `expected ${noun(issue.expected, input)}, got ${describe(input)}`);
    case 'too_small':
      if (issue.origin === 'array') return new FieldError(path, `expected at least ${bound(issue.minimum)} ${issue.minimum === 1 ? 'entry' : 'entries'}, got ${describe(input)}`);
      if (issue.origin === 'string') return new FieldError(path, 'expected a non-empty string, got ""');
      return new FieldError(path, `expected a number ${issue.inclusive ? '≥' : '>'} ${bound(issue.minimum)}, got ${describe(input)}`);
    case 'too_big': {
      const len = Array.isArray(input) || typeof input === 'string' ? fmtInt(input.length) : undefined;
      if (issue.origin === 'array') return new FieldError(path, `${len} entries; the limit is ${bound(issue.maximum)}`);
      if (issue.origin === 'string') return new FieldError(path, `a string of ${len} characters; the limit is ${bound(issue.maximum)}`);
      return new FieldError(path, `expected a number ${issue.inclusive ? '≤' : '<'} ${bound(issue.maximum)}, got ${describe(input)}`);
    }
    case 'unrecognized_keys': {
      const key = issue.keys[0] ?? '';
      const at = schemaAt(schema, rel);
      // `$schema` is for editors, not a field to suggest
      const allowed = at instanceof z.ZodObject ? ` (allowed here: ${Object.keys(at.shape).filter((k) => !k.startsWith('$')).join(', ')})` : '';
      return new FieldError([...path, key], `unknown key${allowed}`);
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => String(v)).join(', ');
      if (input === undefined) return new FieldError(path, `missing: expected ${values}`);
      return new FieldError(path, `expected ${values}, got ${describe(input)}`);
    }
    case 'invalid_union': {
      const best = bestBranch(issue);
      if (best !== undefined) return convert(schema, best, path);
      if (input === undefined) return new FieldError(path, `missing: expected ${issue.message}`);
      return new FieldError(path, `expected ${issue.message}, got ${describe(input)}`);
    }
    default:
      // invalid_format and custom carry our own messages (the `error` options above).
      return new FieldError(path, issue.message);
  }
}

/**
 * Parses `value` with `schema`; on failure throws a FieldError for one issue: an unknown key if
 * there is one (a misspelt key explains a missing one), else zod's first issue.
 */
export function check<S extends z.ZodType>(schema: S, value: unknown, base: Path): z.output<S> {
  const r = schema.safeParse(value, { reportInput: true });
  if (r.success) return r.data;
  const issues = r.error.issues as Issue[];
  const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0];
  if (issue === undefined) throw new FieldError(base, 'invalid');
  throw convert(schema, issue, base);
}
