/** The digest that binds a certificate to its case: SHA-256 of the canonical JSON of name and input. */
import { createHash } from 'node:crypto';

/** A digest of what a certificate is about: its name and its canonical input (sorted keys). */
export function inputDigest(name: string, input: unknown): string {
  return createHash('sha256').update(canonicalJson({ name, input })).digest('hex');
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, x]) => `${JSON.stringify(key)}:${canonicalJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
