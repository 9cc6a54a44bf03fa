/**
 * Any smooth model written as formulas: `params`, `inputs`, and one output expression per
 * output, parsed through the expression whitelist and compiled into a program.
 */
import type { ModelSpec } from '../cases/types.js';
import { ExprError, UNARY_FNS, parseExpr, type Expr } from '../expr/index.js';
import { ModelError } from './errors.js';
import { ProgramBuilder } from './program-builder.js';
import { programModel, type ProgramModel } from './program-model.js';

export type ExpressionSpec = Extract<ModelSpec, { kind: 'expression' }>;

// Names a formula could not refer to unambiguously: mathjs keywords, our functions, constants.
const RESERVED: ReadonlySet<string> = new Set(['mod', 'to', 'in', 'and', 'or', 'xor', 'not', 'e', 'pi', ...UNARY_FNS]);
const NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;

function checkNames(list: readonly string[], field: string, taken: Set<string>): void {
  list.forEach((name, i) => {
    const path = `model.${field}[${i}]`;
    if (typeof name !== 'string' || !NAME.test(name)) {
      throw new ModelError(path, `"${String(name)}" is not a valid name (letters, digits, _; not starting with a digit)`);
    }
    if (RESERVED.has(name)) throw new ModelError(path, `"${name}" is a reserved name`);
    if (taken.has(name)) throw new ModelError(path, `duplicate name "${name}"`);
    taken.add(name);
  });
}

/** Parses and compiles an expression model. Throws ModelError (`model.output[1]`, …). */
export function buildExpression(spec: ExpressionSpec, m: number, k: number): ProgramModel {
  const taken = new Set<string>();
  checkNames(spec.params, 'params', taken);
  checkNames(spec.inputs, 'inputs', taken);
  if (spec.inputs.length !== m) {
    throw new ModelError('model.inputs', `has ${spec.inputs.length} names but the data have m = ${m} inputs`);
  }
  if (spec.output.length !== k) {
    throw new ModelError('model.output', `has ${spec.output.length} expressions but the data have k = ${k} outputs`);
  }
  const symbols = [...spec.params, ...spec.inputs];
  const formulas: Expr[] = spec.output.map((text, o) => {
    try {
      return parseExpr(text, symbols);
    } catch (err) {
      if (err instanceof ExprError) throw new ModelError(`model.output[${o}]`, err.message);
      throw err;
    }
  });
  const pb = new ProgramBuilder(spec.params.length, m);
  const regs = new Map<string, number>();
  spec.params.forEach((name, p) => regs.set(name, pb.param(p)));
  spec.inputs.forEach((name, j) => regs.set(name, pb.input(j)));
  for (const f of formulas) pb.output(pb.expr(f, regs));
  return programModel({ kind: 'expression', names: spec.params, m, k, program: pb.build(), formulas });
}
