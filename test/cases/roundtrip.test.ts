import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { caseFromObject, parseCase } from '../../src/models/case.js';
import type { Case } from '../../src/cases/types.js';
import { fromDecimal, fromNumber } from '../../src/kernel/rational.js';

const content = (c: Case): Omit<Case, 'file' | 'sha256'> => {
  const { file: _file, sha256: _sha, ...rest } = c;
  return rest;
};

// -0 is left out: JSON writes it as 0, so the two texts would differ in the float (not the exact value).
const plainNumber = fc.double({ noNaN: true, noDefaultInfinity: true }).filter((v) => !Object.is(v, -0));
const decimalString = fc
  .tuple(fc.constantFrom('', '-', '+'), fc.nat(99999), fc.option(fc.nat(99999), { nil: undefined }), fc.option(fc.integer({ min: -30, max: 30 }), { nil: undefined }))
  .map(([s, i, f, e]) => `${s}${i}${f === undefined ? '' : `.${f}`}${e === undefined ? '' : `e${e}`}`);
const datum = fc.oneof(plainNumber, decimalString);

const activation = fc.oneof(
  fc.constantFrom('smoolu', 'softplus', 'relu', 'tanh', 'sigmoid', 'swish'),
  fc.record({ name: fc.constantFrom('bump', 'my act'), positive: fc.constantFrom('exp(-1/t - t)', 't^2') }),
  fc.record({ name: fc.constant('cubic'), expr: fc.constant('t^3 + t') }),
);

/** A valid case object, in the form a case file would write it. */
const validCase = fc
  .record({ d: fc.integer({ min: 1, max: 5 }), m: fc.integer({ min: 1, max: 3 }), k: fc.integer({ min: 1, max: 3 }) })
  .chain(({ d, m, k }) =>
    fc.record(
      {
        name: fc.string({ minLength: 1, maxLength: 12 }),
        description: fc.string({ maxLength: 30 }),
        data: fc.record({
          x: fc.array(fc.array(datum, { minLength: m, maxLength: m }), { minLength: d, maxLength: d }),
          y: k === 1 ? fc.array(datum, { minLength: d, maxLength: d }) : fc.array(fc.array(datum, { minLength: k, maxLength: k }), { minLength: d, maxLength: d }),
        }),
        model: fc.oneof(
          fc.record({ kind: fc.constant('mlp'), hidden: fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 3 }), activation }, { requiredKeys: ['kind', 'hidden'] }),
          fc.record({
            kind: fc.constant('expression'),
            params: fc.constant(['w', 'v']),
            inputs: fc.constant(Array.from({ length: m }, (_, j) => `x${j}`)),
            output: fc.constant(Array.from({ length: k }, (_, o) => `w*x0 + v*${o}`)),
          }),
        ),
        loss: fc.oneof(fc.constantFrom('sum', 'mean', 'abs'), fc.record({ power: fc.double({ min: 1, max: 10, noNaN: true }) })),
        point: fc.oneof(
          fc.constantFrom('search', 'train'),
          fc.record({ train: fc.record({ steps: fc.integer({ min: 1, max: 10_000 }), rate: fc.double({ min: 1e-6, max: 1, noNaN: true }) }, { requiredKeys: [] }) }),
          fc.constant('search'),
        ),
        perturb: fc.double({ min: 0, max: 1, noNaN: true }).filter((v) => !Object.is(v, -0)),
        seed: fc.nat(),
        theorems: fc.subarray(['2.1', '2.2', '2.3', '3.3', '3.4', '4.1', '4.2'], { minLength: 1 }),
      },
      { requiredKeys: ['data', 'model'] },
    ),
  );

describe('round trips', () => {
  it('a valid case object reads the same from JSON text, YAML text and memory', () => {
    fc.assert(
      fc.property(validCase, (obj) => {
        const fromJson = parseCase(JSON.stringify(obj), 'cases/p.json');
        const fromYaml = parseCase(stringify(obj), 'cases/p.yaml');
        const inMemory = caseFromObject(obj, 'cases/p.json');
        expect(content(fromYaml)).toEqual(content(fromJson));
        // the in-memory hash is that of the object's JSON text: the same bytes as the .json file
        expect(inMemory).toEqual(fromJson);
        // every datum keeps its exact meaning
        const x0 = obj.data.x[0]![0]!;
        const exact = typeof x0 === 'string' ? fromDecimal(x0) : fromNumber(x0);
        expect(fromYaml.data.xExact[0]![0]).toEqual(exact);
        expect(fromYaml.data.x[0]![0]).toBe(typeof x0 === 'string' ? Number(x0) : x0);
      }),
      { seed: 20180601, numRuns: 100 },
    );
  });
});
