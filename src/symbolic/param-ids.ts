/**
 * Parameter names (SPEC.md) as identifiers that every computer-algebra system parses:
 *
 *   W1[0,1]    → W1_0_1        (mlp weight: layer, row, column)
 *   b2[0]      → b2_0          (mlp bias: layer, unit)
 *   w[a->b]    → w_a__b        (dag edge: from, "__", to)
 *   b[v]       → b_v           (dag bias)
 *   expression params stay as they are (they are identifiers already).
 *
 * In dag node names every character other than an ASCII letter or digit is written `_hhhh`
 * (four hex digits of its UTF-16 code unit; `_` itself is `_005f`), so an escaped name never
 * contains `__` and the edge separator is unambiguous; the map is one-to-one and reversible.
 */

const MLP_WEIGHT = /^W(\d+)\[(\d+),(\d+)\]$/;
const MLP_BIAS = /^b(\d+)\[(\d+)\]$/;
const DAG_WEIGHT = /^w\[(.*)->(.*)\]$/s;
const DAG_BIAS = /^b\[(.*)\]$/s;

/** A dag node name with every character outside [A-Za-z0-9] escaped as `_hhhh`. */
export function escapeNodeName(name: string): string {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const ch = name[i]!;
    out += /[A-Za-z0-9]/.test(ch) ? ch : `_${name.charCodeAt(i).toString(16).padStart(4, '0')}`;
  }
  return out;
}

/** Inverse of escapeNodeName. */
export function unescapeNodeName(id: string): string {
  return id.replace(/_([0-9a-f]{4})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The identifier of a parameter name (see the module header). */
export function paramId(name: string, kind: 'mlp' | 'dag' | 'expression'): string {
  if (kind === 'expression') return name;
  if (kind === 'mlp') {
    const w = MLP_WEIGHT.exec(name);
    if (w) return `W${w[1]}_${w[2]}_${w[3]}`;
    const b = MLP_BIAS.exec(name);
    if (b) return `b${b[1]}_${b[2]}`;
    throw new RangeError(`not an mlp parameter name: ${name}`);
  }
  const w = DAG_WEIGHT.exec(name);
  if (w) return `w_${escapeNodeName(w[1]!)}__${escapeNodeName(w[2]!)}`;
  const b = DAG_BIAS.exec(name);
  if (b) return `b_${escapeNodeName(b[1]!)}`;
  throw new RangeError(`not a dag parameter name: ${name}`);
}

/** The parameter name of an identifier made by paramId. */
export function paramName(id: string, kind: 'mlp' | 'dag' | 'expression'): string {
  if (kind === 'expression') return id;
  if (kind === 'mlp') {
    const w = /^W(\d+)_(\d+)_(\d+)$/.exec(id);
    if (w) return `W${w[1]}[${w[2]},${w[3]}]`;
    const b = /^b(\d+)_(\d+)$/.exec(id);
    if (b) return `b${b[1]}[${b[2]}]`;
    throw new RangeError(`not an mlp parameter identifier: ${id}`);
  }
  if (id.startsWith('w_')) {
    const [from, to, ...rest] = id.slice(2).split('__');
    if (from === undefined || to === undefined || rest.length > 0) throw new RangeError(`not a dag edge identifier: ${id}`);
    return `w[${unescapeNodeName(from)}->${unescapeNodeName(to)}]`;
  }
  if (id.startsWith('b_')) return `b[${unescapeNodeName(id.slice(2))}]`;
  throw new RangeError(`not a dag parameter identifier: ${id}`);
}
