import { describe, expect, it } from 'vitest';
import { verifyCertificate } from '../../../src/kernel/checker/index.js';
import { certificateOf } from './helpers.js';

describe('the iris certificates verify (d = 149)', () => {
  it.each(['iris', 'iris-k1', 'iris-raw'])('%s', async (name) => {
    const report = verifyCertificate(await certificateOf(name));
    expect(report.failed, report.failed && `${report.failed.where}: ${report.failed.detail}`).toBeUndefined();
  }, 60_000);
});
