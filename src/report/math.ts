/**
 * Maths in a report: the theorem modules and step summaries write formulas as plain text
 * ("p_{j−1}", "ℝ^17", "9.587e+0"). On an HTML page these fragments are typeset with KaTeX as
 * MathML, on the server, so the page still needs no font, stylesheet or script from anywhere:
 * browsers draw MathML themselves. The rest of the text is escaped as it is.
 */
import katex from 'katex';
import { esc } from '../render/svg/primitives.js';

/** TeX to a MathML element; a formula KaTeX cannot read is shown as the escaped text it was. */
export function texMathml(tex: string): string {
  try {
    const html = katex.renderToString(tex, { output: 'mathml', throwOnError: true, strict: 'ignore' });
    // KaTeX wraps the <math> in a span with a class the page has no stylesheet for; keep only the maths.
    return html.replace(/^<span class="katex">/, '').replace(/<\/span>$/, '');
  } catch {
    return esc(tex);
  }
}

/** "9.587e+0" → { mantissa: "9.587", exponent: 0 }; undefined for anything else. */
function exponentForm(s: string): { mantissa: string; exponent: number } | undefined {
  const m = /^([−-]?\d+(?:\.\d+)?)e([+−-]?\d+)$/.exec(s);
  if (!m) return undefined;
  return { mantissa: m[1]!.replace('-', '−'), exponent: Number(m[2]!.replace('−', '-')) };
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const sup = (e: number): string => String(e).replace('-', '⁻').replace(/\d/g, (d) => SUPERSCRIPT[Number(d)]!);

/** A number in exponent form as a reader writes it: "9.587e+0" → "9.587", "1.2e+5" → "1.2 × 10⁵". Other text is unchanged. */
export function plainNumber(s: string): string {
  const f = exponentForm(s);
  if (!f) return s;
  if (f.exponent === 0) return f.mantissa;
  return `${f.mantissa === '1' ? '' : `${f.mantissa} × `}10${sup(f.exponent)}`;
}

/** Every number in exponent form inside a text, written as `plainNumber` does (for markdown and SVG labels). */
export function plainNumbers(text: string): string {
  return text.replace(/(?<![\w.])[−-]?\d+(?:\.\d+)?e[+−-]?\d+(?![\w.])/g, plainNumber);
}

/** Text for markdown: exponent-form numbers as `plainNumber` writes them, and integer powers (ℝ^17, ℝ^{17}) as superscripts. */
export function plainMath(text: string): string {
  return plainNumbers(text).replace(/\^(?:\{([−-]?\d+)\}|(\d+))/g, (_m, a: string | undefined, b: string | undefined) => sup(Number((a ?? b)!.replace('−', '-'))));
}

/** A plain-text formula fragment as TeX: ℝ → \mathbb{R}, the minus sign → -, a bare index wrapped in braces. */
function fragmentTex(s: string): string {
  return s
    .replace(/ℝ/g, '\\mathbb{R}')
    .replace(/−/g, '-')
    .replace(/([_^])(?!\{)([A-Za-z0-9]+)/g, '$1{$2}');
}

/**
 * Fragments worth typesetting: a name with sub- or superscripts (p_{j−1}, ℝ^17, β_d, |fᵢ|^3 keeps
 * its bars outside), and numbers in exponent form.
 */
const FRAGMENT = /(?<![\w.])([−-]?\d+(?:\.\d+)?e[+−-]?\d+)(?![\w.])|((?:[A-Za-zα-ωΑ-Ωℝσβ∇]|[)|])(?:[_^](?:\{[^{}\s]*\}|[A-Za-z0-9]+))+)/g;

/** Escaped HTML for a text, its formula fragments and exponent-form numbers as MathML. */
export function proseHtml(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(FRAGMENT)) {
    const at = m.index!;
    out += esc(text.slice(last, at));
    if (m[1] !== undefined) {
      const f = exponentForm(m[1])!;
      const mantissa = f.mantissa.replace('−', '-');
      out += f.exponent === 0 ? esc(f.mantissa) : texMathml(`${mantissa === '1' ? '' : `${mantissa} \\times `}10^{${f.exponent}}`);
    } else if (m[2]!.startsWith(')') || m[2]!.startsWith('|')) {
      // "(…)^2", "|fᵢ|^3": only the exponent is maths; the bracket stays text.
      out += esc(m[2]![0]!) + texMathml(`{}${fragmentTex(m[2]!.slice(1))}`);
    } else {
      out += texMathml(fragmentTex(m[2]!));
    }
    last = at + m[0].length;
  }
  return out + esc(text.slice(last));
}
