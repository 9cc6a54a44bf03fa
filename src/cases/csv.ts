/**
 * A small CSV reader for data files: a header row, comma-separated fields (or semicolon-separated,
 * when the header has semicolons and no comma, as spreadsheets in many locales write), optional
 * double quotes (a quote inside a quoted field is written twice), fields trimmed, LF or CRLF line
 * ends, lines starting with `#` skipped as comments, blank lines allowed only at the end.
 */

/** One data row: its fields and the line (1-based) where it starts. */
export interface CsvRow {
  readonly fields: readonly string[];
  readonly line: number;
}

export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly CsvRow[];
}

/** A malformed CSV text; `line` is 1-based. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly detail: string,
  ) {
    super(`line ${line}: ${detail}`);
    this.name = 'CsvSyntaxError';
  }
}

const isSpace = (c: string): boolean => c === ' ' || c === '\t';

/** Skips a `#` comment line starting at i (after leading spaces); returns where the next line starts, or i. */
function skipComment(text: string, i: number): number {
  let j = i;
  while (j < text.length && isSpace(text[j]!)) j++;
  if (text[j] !== '#') return i;
  while (j < text.length && text[j] !== '\n' && text[j] !== '\r') j++;
  if (text[j] === '\r') j++;
  if (text[j] === '\n') j++;
  return j;
}

/**
 * The field separator: `;` when the first line that is not a comment has a semicolon and no
 * comma outside quotes, else `,`.
 */
function separatorOf(text: string, from: number): ',' | ';' {
  let i = from;
  for (let next = skipComment(text, i); next !== i; next = skipComment(text, i)) i = next;
  let quoted = false;
  let semicolon = false;
  for (; i < text.length && (quoted || (text[i] !== '\n' && text[i] !== '\r')); i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ',') return ',';
    else if (!quoted && c === ';') semicolon = true;
  }
  return semicolon ? ';' : ',';
}

/** Splits `text` into records of trimmed fields; each record remembers its first line. */
function records(text: string): { fields: string[]; line: number; blank: boolean }[] {
  const out: { fields: string[]; line: number; blank: boolean }[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  const sep = separatorOf(text, i);
  while (i < n) {
    const comment = skipComment(text, i);
    if (comment !== i) {
      i = comment;
      line++;
      continue;
    }
    const start = line;
    const fields: string[] = [];
    let blank = true;
    // One record: fields until an unquoted line end or the end of the text.
    for (;;) {
      while (i < n && isSpace(text[i]!)) i++;
      let field: string;
      if (text[i] === '"') {
        blank = false;
        const open = line;
        let buf = '';
        i++;
        for (;;) {
          if (i >= n) throw new CsvSyntaxError(open, 'a quoted field is never closed');
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              buf += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          buf += c;
          i++;
        }
        while (i < n && isSpace(text[i]!)) i++;
        if (i < n && text[i] !== sep && text[i] !== '\n' && text[i] !== '\r') {
          throw new CsvSyntaxError(line, 'unexpected text after a closing quote');
        }
        field = buf;
      } else {
        let j = i;
        while (j < n && text[j] !== sep && text[j] !== '\n' && text[j] !== '\r') {
          if (text[j] === '"') throw new CsvSyntaxError(line, 'a quote inside an unquoted field (quote the whole field)');
          j++;
        }
        field = text.slice(i, j).trim();
        if (field !== '' || text[j] === sep) blank = false;
        i = j;
      }
      fields.push(field);
      if (i < n && text[i] === sep) {
        i++;
        continue;
      }
      // End of record: CRLF, LF, lone CR, or end of text.
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      line++;
      break;
    }
    out.push({ fields, line: start, blank });
  }
  return out;
}

/**
 * Parses CSV text with a header row. Throws CsvSyntaxError naming the line (never quoting the
 * file's text, which need not be the case author's to see): unclosed quotes,
 * stray quotes, empty or repeated column names, rows with the wrong number of fields, blank
 * lines between rows.
 */
export function parseCsv(text: string): CsvTable {
  const recs = records(text);
  let end = recs.length;
  while (end > 0 && recs[end - 1]!.blank) end--;
  if (end === 0) throw new CsvSyntaxError(1, 'no header row (the file is empty)');
  const head = recs[0]!;
  if (head.blank) throw new CsvSyntaxError(head.line, 'the header row is blank');
  const seen = new Map<string, number>();
  head.fields.forEach((name, c) => {
    if (name === '') throw new CsvSyntaxError(head.line, `column ${c + 1} of the header has no name`);
    const first = seen.get(name);
    if (first !== undefined) throw new CsvSyntaxError(head.line, `columns ${first + 1} and ${c + 1} of the header have the same name`);
    seen.set(name, c);
  });
  const width = head.fields.length;
  const rows: CsvRow[] = [];
  for (let r = 1; r < end; r++) {
    const rec = recs[r]!;
    if (rec.blank) throw new CsvSyntaxError(rec.line, 'blank line between rows');
    if (rec.fields.length !== width) {
      throw new CsvSyntaxError(rec.line, `expected ${width} fields (like the header), got ${rec.fields.length}`);
    }
    rows.push({ fields: rec.fields, line: rec.line });
  }
  return { header: head.fields, rows };
}
