/**
 * Dense linear algebra on Float64Array, for the float steps: Gram matrices of Jacobians,
 * triangular solves, Cholesky, QR with column pivoting (to pick d well-conditioned columns of J),
 * symmetric eigenvalues (Hessian spectra) and singular values.
 *
 * Convention: a matrix is a `Mat`, `{rows, cols, data}` with `data` row-major, entry (i, j) at
 * `data[i * cols + j]`, exactly the layout of `Model.jacobian`. Vectors are Float64Array.
 * Functions never modify their arguments and always return fresh arrays.
 */
export * from './matrix.js';
export * from './solve.js';
export * from './qr.js';
export * from './spectrum.js';
