#!/usr/bin/env node
/** The installed `overparam` executable. */
import { run } from './main.js';

void run(process.argv.slice(2));
