import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from '../../src/cases/csv.js';

const error = (text: string): string => {
  try {
    parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) return e.message;
    throw e;
  }
  throw new Error('no CsvSyntaxError');
};

describe('parseCsv', () => {
  it('reads a header and rows, trimming fields', () => {
    expect(parseCsv('a, b ,c\n1,2 , 3\n 4,5,6\n')).toEqual({
      header: ['a', 'b', 'c'],
      rows: [
        { fields: ['1', '2', '3'], line: 2 },
        { fields: ['4', '5', '6'], line: 3 },
      ],
    });
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const t = parseCsv('"a,b","say ""hi"""\r\n"1\n2", x \r\n');
    expect(t.header).toEqual(['a,b', 'say "hi"']);
    expect(t.rows).toEqual([{ fields: ['1\n2', 'x'], line: 2 }]);
  });

  it('accepts CRLF, a BOM, no final newline and trailing blank lines', () => {
    expect(parseCsv('\ufeffa,b\r\n1,2').rows).toEqual([{ fields: ['1', '2'], line: 2 }]);
    expect(parseCsv('a\n1\n\n  \n\n').rows).toEqual([{ fields: ['1'], line: 2 }]);
  });

  it('keeps empty fields', () => {
    expect(parseCsv('a,b\n,\n').rows).toEqual([{ fields: ['', ''], line: 2 }]);
  });

  it('counts lines inside quoted fields', () => {
    expect(error('a,b\n"1\n\n",2\n3\n')).toBe('line 5: expected 2 fields (like the header), got 1');
  });

  it.each([
    ['', 'line 1: no header row (the file is empty)'],
    ['a,,c\n', 'line 1: column 2 of the header has no name'],
    ['a,b,a\n', 'line 1: columns 1 and 3 of the header have the same name'],
    ['a,b\n1,2,3\n', 'line 2: expected 2 fields (like the header), got 3'],
    ['a,b\n1,2\n\n3,4\n', 'line 3: blank line between rows'],
    ['a,b\n"1,2\n', 'line 2: a quoted field is never closed'],
    ['a,b\n"1"x,2\n', 'line 2: unexpected text after a closing quote'],
    ['a,b\n1"2,3\n', 'line 2: a quote inside an unquoted field (quote the whole field)'],
  ])('refuses %j', (text, msg) => {
    expect(error(text)).toBe(msg);
  });
});
