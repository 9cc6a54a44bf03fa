/**
 * Models: build one from a case's model spec, and everything the theorems use about it.
 */
import type { ModelSpec } from '../cases/types.js';
import { buildDag } from './dag.js';
import { buildExpression } from './expression.js';
import { buildMlp } from './mlp.js';
import type { ProgramModel } from './program-model.js';

/**
 * Compiles `spec` for input dimension m and output dimension k (both from the data). Throws
 * ModelError with a field path for an invalid spec (a refused formula, a cyclic graph, …).
 */
export function buildModel(spec: ModelSpec, m: number, k: number): ProgramModel {
  switch (spec.kind) {
    case 'mlp':
      return buildMlp(spec.hidden, spec.activation, m, k);
    case 'dag':
      return buildDag(spec, m, k);
    case 'expression':
      return buildExpression(spec, m, k);
    default:
      return checkExhaustive(spec);
  }
}

function checkExhaustive(x: never): never {
  throw new Error(`unknown model kind ${JSON.stringify(x)}`);
}

export type { Model } from './types.js';
export type { ProgramModel } from './program-model.js';
export { compileActivation, type Activation } from './activation.js';
export { ModelError } from './errors.js';
export { mlpBiasIndex, mlpLayout, mlpNames, mlpWeightIndex, type MlpLayer, type MlpLayout } from './mlp.js';
export { dagLayout, type DagLayout, type DagSpec } from './dag.js';
export { gradLoss, hessianLoss, hessianVectorLoss, lossValue, residuals, type Data } from './loss.js';
