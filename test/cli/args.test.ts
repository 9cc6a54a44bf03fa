import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.js';
import { exitCodeFor } from '../../src/cli/exit.js';

const spec = { theorem: { value: true, repeat: true }, json: {}, out: { value: true } } as const;

describe('parseArgs', () => {
  it('reads positionals, repeated options, = forms and flags', () => {
    const a = parseArgs(['a.yaml', '--theorem', '2.1', '--theorem=4.1', '--json', 'b.yaml', '--out=dir'], spec, 'check');
    expect(a.positionals).toEqual(['a.yaml', 'b.yaml']);
    expect(a.options.get('theorem')).toEqual(['2.1', '4.1']);
    expect(a.options.get('out')).toEqual(['dir']);
    expect(a.flags.has('json')).toBe(true);
  });

  it.each([
    [['--nope'], 'check: unknown option --nope (see overparam help)'],
    [['--out'], 'check: --out needs a value'],
    [['--out', 'a', '--out', 'b'], 'check: --out given twice'],
    [['--json=1'], 'check: --json takes no value'],
    [['-x'], 'check: unknown option -x (see overparam help)'],
  ])('%j is refused: %s', (argv, message) => {
    expect(() => parseArgs(argv, spec, 'check')).toThrow(message);
  });
});

describe('exitCodeFor', () => {
  it.each([
    [['certified', 'supported'], false, 0],
    [['certified', 'supported'], true, 3],
    [['certified', 'inconclusive'], false, 3],
    [['inconclusive', 'fails'], false, 1],
    [['certified'], true, 0],
  ] as const)('%j (require certified: %s) → %i', (verdicts, req, code) => {
    expect(exitCodeFor(verdicts, req)).toBe(code);
  });
});
