/**
 * A small well-formedness check for the SVG and HTML the report writes: every tag closed in
 * order, attributes quoted, no stray '<' or '&'. Not a full XML parser; enough to catch a
 * broken picture before a browser silently repairs it.
 */
const VOID_HTML = new Set(['meta', 'link', 'br', 'hr', 'img', 'input']);

export function wellFormed(text: string, { html = false } = {}): string | undefined {
  const stack: string[] = [];
  const body = text.replace(/^<!DOCTYPE html>\s*/i, '');
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+(?:="[^"<]*")?)*)\s*(\/?)>/y;
  let i = 0;
  while (i < body.length) {
    const lt = body.indexOf('<', i);
    const chunk = body.slice(i, lt < 0 ? body.length : lt);
    const amp = chunk.match(/&(?!(?:amp|lt|gt|quot|#39|#\d+);)/);
    if (amp) return `a bare '&' before offset ${i + (amp.index ?? 0)}`;
    if (lt < 0) break;
    tag.lastIndex = lt;
    const m = tag.exec(body);
    if (!m) return `a malformed tag at offset ${lt}: ${body.slice(lt, lt + 60)}`;
    const [, closing, name, , selfClosing] = m;
    const lower = name!.toLowerCase();
    if (closing) {
      const open = stack.pop();
      if (open !== name) return `</${name}> closes <${open ?? 'nothing'}> at offset ${lt}`;
    } else if (!selfClosing && !(html && VOID_HTML.has(lower))) {
      stack.push(name!);
      // Raw text: skip to the closing tag.
      if (lower === 'style' || lower === 'script') {
        const end = body.indexOf(`</${name}>`, tag.lastIndex);
        if (end < 0) return `<${name}> is never closed`;
        tag.lastIndex = end;
      }
    }
    i = tag.lastIndex;
  }
  return stack.length > 0 ? `unclosed <${stack.join('>, <')}>` : undefined;
}
