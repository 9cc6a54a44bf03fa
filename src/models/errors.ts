/** Errors the model builders raise at the border, for the case loader to report by field path. */

/**
 * An invalid model description: `path` is the case-file field (`model.output[1]`,
 * `model.edges[3]`), `detail` what is wrong; `message` is both, as one line.
 */
export class ModelError extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${path}: ${detail}`);
    this.name = 'ModelError';
  }
}
