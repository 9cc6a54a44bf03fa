import { describe, expect, it } from 'vitest';
import { wellFormed } from './xml.js';

describe('the well-formedness check the report tests rely on', () => {
  it.each([
    ['<svg><g></svg>', '</svg> closes <g> at offset 8'],
    ['<svg a=b></svg>', 'a malformed tag at offset 0: <svg a=b></svg>'],
    ['<p>a & b</p>', "a bare '&' before offset 5"],
    ['<svg><g>', 'unclosed <svg>, <g>'],
  ])('rejects %s', (text, why) => expect(wellFormed(text)).toBe(why));

  it.each([['<svg><g/><text x="1">a &amp; b</text></svg>'], ['<!DOCTYPE html><html><head><meta charset="utf-8"><style>a>b{}</style></head><body></body></html>']])(
    'accepts %s',
    (text) => expect(wellFormed(text, { html: true })).toBeUndefined(),
  );
});
