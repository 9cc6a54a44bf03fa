/**
 * Corollary 3.4 (deeper networks). A feedforward network whose last hidden layer has width at
 * least d (the other hidden layers of any width ≥ 1), with σ vanishing on t ≤ 0 and positive on
 * t > 0, fits d distinct inputs exactly.
 *
 * Construction: the first unit of each of the first L − 1 hidden layers carries one scalar per
 * data point, u ← σ(c·u + b), starting from the exact projection a·x; the carrier of layer L − 1
 * feeds d units of the last hidden layer, which run Lemma 3.3 on the carried scalars; every other
 * weight and bias is 0.
 *
 * Where the paper is loose (MATH.md, gaps to check): (1) its layers 2..T pass the scalar to a single
 * unit of the last layer, while Lemma 3.3 needs d units: mended here, the carrier feeds d units;
 * (2) "positive and distinct because σ is rectified": distinct needs σ injective on the values met,
 * so the step scalars-stay-distinct proves it in interval arithmetic after every layer, and for a σ
 * that is not monotone on t > 0 (exp(−1/t − t)) says so and certifies the case under that weaker,
 * checked condition; (3) composing σ underflows fast, so every layer rescales.
 *
 * Steps: distinct-inputs, activation-vanishes-nonpositive, activation-positive, width-at-least-d,
 * projection-separates, scalars-stay-distinct, biases-interleave, triangular-block-invertible,
 * output-weights-enclosed, residual-zero, parameter-count. The sign argument for A is interval
 * graded here: the last layer sees enclosures, not exact rationals.
 *
 * Reference: Y. Cooper, The loss landscape of overparameterized neural networks (2018), Corollary 3.4.
 */
import { hiddenDepth } from '../src/workspace/construction.js';
import { modelOf } from '../src/workspace/model-of.js';
import { defineTheorem } from '../src/proof/types.js';
import { constructionSteps, fitClaims, lemmaHypotheses, parameterCount } from './steps/construction.js';

export default defineTheorem({
  id: '3.4',
  title: 'Corollary 3.4: any depth, last hidden layer of width d, fits d distinct points',
  statement:
    'If σ vanishes on t ≤ 0 and is positive on t > 0, a feedforward network whose last hidden layer has width at least d ' +
    'fits d distinct inputs exactly, provided the scalars it carries stay distinct (checked on the case).',
  hypotheses: [
    'σ(t) = 0 for t ≤ 0',
    'σ(t) > 0 for t > 0',
    'the inputs are pairwise distinct',
    'the last hidden layer has width at least d',
    'σ keeps the carried scalars distinct (σ increasing on t > 0, or checked on the values met)',
  ],
  fits: (c) => (c.model.kind === 'mlp' || c.model.kind === 'dag') && hiddenDepth(c) >= 2,
  instantiate(c, ws) {
    const depth = hiddenDepth(c);
    return (
      `The ${depth}-hidden-layer network (n = ${modelOf(ws).n}) fits the ${c.data.d} points exactly: one carrier unit per ` +
      `layer passes a scalar through ${depth - 1} layer(s), and the last hidden layer runs Lemma 3.3 on it.`
    );
  },
  steps: [...lemmaHypotheses('corollary'), ...constructionSteps(true), parameterCount],
  claims: fitClaims,
});
