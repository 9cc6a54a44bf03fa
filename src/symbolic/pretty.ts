/**
 * Printing expressions for people: Unicode for the terminal (·, −, superscript powers, the
 * parameters under their SPEC.md names) and LaTeX for reports (mathjs `toTex`, with the
 * parameters as W^{(1)}_{0,1}, b^{(2)}_{0}, w_{a \to b}). The plain infix text for other algebra
 * systems is exprToString.
 */
import type { MathNode } from 'mathjs';
import { toMathNode, type Expr } from '../expr/index.js';
import { paramName } from './param-ids.js';

const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻',
};

const P_ADD = 1;
const P_MUL = 2;
const P_NEG = 3;
const P_POW = 4;
const P_ATOM = 5;

interface Printed {
  readonly text: string;
  readonly prec: number;
}

const wrap = (p: Printed, need: boolean): string => (need ? `(${p.text})` : p.text);

function fmtNumber(v: number): Printed {
  const s = String(v).replace('-', '−');
  return { text: s, prec: v < 0 ? P_NEG : /e/i.test(s) ? P_POW : P_ATOM };
}

/**
 * Unicode rendering of e. `display` maps a symbol to the name shown (default: the symbol).
 * Small integer powers become superscripts (z², t⁻¹); e^(…) is written exp(…).
 */
export function toUnicode(e: Expr, display: (symbol: string) => string = (s) => s): string {
  const go = (x: Expr): Printed => {
    switch (x.kind) {
      case 'num':
        return fmtNumber(x.value);
      case 'sym':
        return { text: display(x.name), prec: P_ATOM };
      case 'const':
        return { text: x.name === 'pi' ? 'π' : 'e', prec: P_ATOM };
      case 'neg': {
        const a = go(x.arg);
        return { text: `−${wrap(a, a.prec < P_POW)}`, prec: P_NEG };
      }
      case 'call': {
        const a = go(x.arg);
        if (x.fn === 'sqrt') return { text: `√${wrap(a, a.prec < P_ATOM)}`, prec: P_POW };
        if (x.fn === 'abs') return { text: `|${a.text}|`, prec: P_ATOM };
        if (x.fn === 'sigmoid') return { text: `σ(${a.text})`, prec: P_ATOM };
        if (x.fn === 'log1p') return { text: `log(1 + ${a.text})`, prec: P_ATOM };
        return { text: `${x.fn}(${a.text})`, prec: P_ATOM };
      }
      case 'add':
      case 'sub': {
        const l = go(x.left);
        const r = go(x.right);
        const op = x.kind === 'add' ? ' + ' : ' − ';
        return { text: `${wrap(l, l.prec < P_ADD)}${op}${wrap(r, r.prec <= P_ADD || r.prec === P_NEG)}`, prec: P_ADD };
      }
      case 'mul': {
        const l = go(x.left);
        const r = go(x.right);
        return { text: `${wrap(l, l.prec < P_MUL)}·${wrap(r, r.prec <= P_NEG)}`, prec: P_MUL };
      }
      case 'div': {
        const l = go(x.left);
        const r = go(x.right);
        return { text: `${wrap(l, l.prec < P_MUL)}/${wrap(r, r.prec <= P_MUL || r.prec === P_NEG)}`, prec: P_MUL };
      }
      case 'pow': {
        const l = go(x.left);
        if (x.right.kind === 'num' && Number.isInteger(x.right.value) && Math.abs(x.right.value) < 1000) {
          const sup = String(x.right.value).split('').map((ch) => SUPERSCRIPT[ch]!).join('');
          return { text: `${wrap(l, l.prec < P_ATOM)}${sup}`, prec: P_POW };
        }
        const r = go(x.right);
        return { text: `${wrap(l, l.prec < P_ATOM)}^${wrap(r, r.prec < P_ATOM)}`, prec: P_POW };
      }
    }
  };
  return go(e).text;
}

/** LaTeX for a parameter identifier (param-ids.ts): W1_0_1 → W^{(1)}_{0,1}, w_a__b → w_{a \to b}. */
export function latexParam(id: string, kind: 'mlp' | 'dag' | 'expression'): string {
  const escape = (s: string): string => s.replace(/([_{}%$#&\\^~])/g, (ch) => (ch === '\\' ? '\\backslash{}' : `\\${ch}`));
  if (kind === 'mlp') {
    const w = /^W(\d+)_(\d+)_(\d+)$/.exec(id);
    if (w) return `W^{(${w[1]})}_{${w[2]},${w[3]}}`;
    const b = /^b(\d+)_(\d+)$/.exec(id);
    if (b) return `b^{(${b[1]})}_{${b[2]}}`;
  }
  if (kind === 'dag') {
    const name = paramName(id, 'dag');
    const w = /^w\[(.*)->(.*)\]$/s.exec(name);
    if (w) return `w_{\\mathrm{${escape(w[1]!)}} \\to \\mathrm{${escape(w[2]!)}}}`;
    const b = /^b\[(.*)\]$/s.exec(name);
    if (b) return `b_{\\mathrm{${escape(b[1]!)}}}`;
  }
  return id.length === 1 ? id : `\\mathit{${escape(id)}}`;
}

/** LaTeX of e by mathjs toTex, with the symbols rendered by `symbolTex`. */
export function toLatex(e: Expr, symbolTex: (symbol: string) => string = (s) => latexParam(s, 'expression')): string {
  const handler = (node: MathNode): string | undefined => {
    if (node.type === 'SymbolNode') {
      const name = (node as unknown as { name: string }).name;
      if (name === 'e' || name === 'pi') return undefined;
      // braces keep `\cdot` and the name apart, and group sub- and superscripts
      return `{${symbolTex(name)}}`;
    }
    return undefined;
  };
  return toMathNode(e).toTex({ handler, parenthesis: 'auto', implicit: 'hide' });
}
