/**
 * A small argument parser: positionals, `--flag`, `--key value` and `--key=value`, with
 * repeatable keys. Unknown options are usage errors, never silently ignored.
 */
import { UsageError } from './exit.js';

export interface OptionSpec {
  /** takes a value (else a boolean flag) */
  readonly value?: boolean;
  /** may be given more than once */
  readonly repeat?: boolean;
}

export interface ParsedArgs {
  readonly positionals: string[];
  readonly options: Map<string, string[]>;
  readonly flags: Set<string>;
}

export function parseArgs(argv: readonly string[], spec: Readonly<Record<string, OptionSpec>>, command: string): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      if (arg.startsWith('-') && arg.length > 1 && arg !== '-') {
        throw new UsageError(`${command}: unknown option ${arg} (see overparam help)`);
      }
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const key = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    const opt = spec[key];
    if (!opt) throw new UsageError(`${command}: unknown option --${key} (see overparam help)`);
    if (!opt.value) {
      if (eq > 0) throw new UsageError(`${command}: --${key} takes no value`);
      flags.add(key);
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`${command}: --${key} needs a value`);
    const list = options.get(key) ?? [];
    if (list.length > 0 && !opt.repeat) throw new UsageError(`${command}: --${key} given twice`);
    list.push(value);
    options.set(key, list);
  }
  return { positionals, options, flags };
}

/** A positive integer option, or the fallback. */
export function intOption(args: ParsedArgs, key: string, fallback: number, command: string): number {
  const raw = args.options.get(key)?.[0];
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 1) throw new UsageError(`${command}: --${key} expects a positive integer, got "${raw}"`);
  return v;
}

/** A positive number option, or the fallback. */
export function numberOption(args: ParsedArgs, key: string, fallback: number, command: string): number {
  const raw = args.options.get(key)?.[0];
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v <= 0) throw new UsageError(`${command}: --${key} expects a positive number, got "${raw}"`);
  return v;
}

/** `--allow-read DIR` (repeatable): directories a case's data files may also lie in (cases/confine.ts). */
export const ALLOW_READ: OptionSpec = { value: true, repeat: true };

/** The directories of `--allow-read`, as loadCase takes them. */
export function allowReadOption(args: ParsedArgs): { readonly allowRead?: readonly string[] } {
  const dirs = args.options.get('allow-read');
  return dirs === undefined ? {} : { allowRead: dirs };
}
