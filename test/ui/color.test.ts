import { describe, expect, it } from 'vitest';
import { colorEnv, honourColorEnv } from '../../src/ui/color.js';

describe('NO_COLOR and FORCE_COLOR', () => {
  it.each([
    [{}, undefined],
    [{ NO_COLOR: '1' }, '0'],
    [{ NO_COLOR: '' }, undefined],
    [{ NO_COLOR: '1', FORCE_COLOR: '2' }, '2'],
    [{ FORCE_COLOR: '0' }, '0'],
  ])('%j gives FORCE_COLOR %s', (env, force) => {
    expect(colorEnv(env).FORCE_COLOR).toBe(force);
  });

  it('passes NO_COLOR on to this process as FORCE_COLOR=0', () => {
    const env: NodeJS.ProcessEnv = { NO_COLOR: 'yes' };
    honourColorEnv(env);
    expect(env.FORCE_COLOR).toBe('0');
  });
});
