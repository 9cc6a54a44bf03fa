#!/usr/bin/env -S node --max-semi-space-size=64
/**
 * The installed `overparam` executable. The kernel's exact and tight arithmetic allocates
 * millions of short-lived BigInts; a 64 MB young generation (V8's default is 16 MB) lets them
 * die young instead of being copied, which cuts a d = 200 Theorem 4.1 check from about 7 s to
 * 4 s of CPU. `env -S` passes the flag on, since a shebang takes a single argument.
 */
import { run } from './main.js';

void run(process.argv.slice(2));
