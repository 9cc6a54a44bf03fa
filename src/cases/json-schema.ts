/**
 * The case file as a JSON Schema, for editors (schema/case.schema.json, generated from this by
 * `npm run schema`; a test keeps the file up to date). It is built from the loader's own zod
 * schemas (schema.ts), with the fields the loader reads by hand (x, y, the forms of model,
 * activation, loss, point, theorems) spelt out as the unions they are, so an editor can complete
 * and check every form. The loader stays the judge: its messages are the ones that count.
 */
import { z } from 'zod';
import { THEOREM_IDS } from '../evidence.js';
import { BUILTIN_ACTIVATIONS } from './types.js';
import {
  CaseSchema,
  CsvDataSchema,
  CustomActivationSchema,
  DagSchema,
  ExpressionSchema,
  IdxDataSchema,
  InlineDataSchema,
  MlpSchema,
  NpyDataSchema,
  NpzDataSchema,
  OnnxModelSchema,
  PointObjectSchema,
  PowerLossSchema,
  SafetensorsPointSchema,
} from './schema.js';

// zod's custom checks (positive integers with limits) have no JSON Schema form: state them plainly.
const count = z.number().int().min(1);
const limit = count.optional().describe('the first N rows');
/** a number, or a decimal string meaning that exact decimal ("0.1") */
const exactNumber = z.union([z.number(), z.string()]);

const activation = z
  .union([
    z.enum(BUILTIN_ACTIVATIONS),
    CustomActivationSchema.extend({ name: z.string().min(1).max(100) }),
  ])
  .describe('a built-in activation, {name, positive: "…"} (0 for t ≤ 0) or {name, expr: "…"}');

const data = z.union([
  InlineDataSchema.extend({
    x: z.array(z.union([z.array(exactNumber), exactNumber])).describe('d rows of m numbers (a flat list when m = 1)'),
    y: z.array(z.union([exactNumber, z.array(exactNumber)])).describe('d numbers (k = 1), or d rows of k numbers'),
    limit,
  }),
  CsvDataSchema.extend({ limit }),
  NpyDataSchema.extend({ limit }),
  NpzDataSchema.extend({ limit }),
  IdxDataSchema.extend({ limit }),
]);

const model = z.union([
  MlpSchema.extend({ hidden: z.array(count).min(1).describe('hidden widths; m and k come from the data'), activation: activation.optional() }),
  DagSchema.extend({ edges: z.array(z.tuple([z.string(), z.string()])).describe('[from, to] pairs'), activation: activation.optional() }),
  ExpressionSchema,
  OnnxModelSchema,
]);

const loss = z.union([z.enum(['sum', 'mean', 'abs']), PowerLossSchema]);

const point = z.union([
  z.enum(['construct', 'search', 'train', 'trained']),
  PointObjectSchema.extend({ train: z.strictObject({ steps: count.optional(), rate: z.number().positive().optional() }).optional() }),
  SafetensorsPointSchema,
]);

/** The editor's view of a case file. */
export const CaseFileSchema = CaseSchema.extend({
  $schema: z.string().optional(),
  data,
  model,
  loss: loss.optional(),
  point: point.optional(),
  theorems: z.array(z.union([z.enum(THEOREM_IDS), z.number()])).min(1).optional().describe("the paper's numbers; default: all that fit"),
}).describe('An overparam case file: data, a model, and optionally loss, point, perturb, seed and theorems');

/** The JSON Schema text, as written to schema/case.schema.json. */
export function caseJsonSchemaText(): string {
  const schema = z.toJSONSchema(CaseFileSchema, { target: 'draft-2020-12', io: 'input' });
  return `${JSON.stringify({ ...schema, title: 'overparam case file' }, null, 2)}\n`;
}
