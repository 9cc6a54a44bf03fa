import { describe, expect, it } from 'vitest';
import { compileActivation } from '../../src/models/activation.js';
import { ModelError } from '../../src/models/errors.js';
import { closedForm } from '../../src/symbolic/closed-form.js';
import { ExprError } from '../../src/expr/index.js';
import { makeCase } from './case-helpers.js';

/** Texts that try to reach an evaluator, a property, the process or the file system. */
const ESCAPES = [
  'constructor.constructor("return process")()',
  't.constructor',
  'evaluate("1+1")',
  'import({x: 1})',
  'parse("t")',
  'createUnit("foo")',
  'simplify("t")',
  'f(t) = t',
  'a = 1',
  '[t, t]',
  '{a: t}',
  't ? 1 : 0',
  'cos.name',
  'exp(t)["constructor"]',
  '"t"',
  't; t',
  'derivative("t^2", "t")',
  'process',
];

describe('user expressions stay inside the sandbox', () => {
  it.each(ESCAPES)('activation %s is refused', (text) => {
    expect(() => compileActivation({ name: 'evil', expr: text })).toThrow(ModelError);
    expect(() => compileActivation({ name: 'evil', positive: text })).toThrow(ModelError);
  });

  it.each(ESCAPES)('model output %s is refused before any closed form exists', (text) => {
    const c = makeCase({ x: [[1]], y: [0], model: { kind: 'expression', params: ['w'], inputs: ['t'], output: [text] } });
    expect(() => closedForm(c, Float64Array.of(1))).toThrow(ExprError);
  });
});
