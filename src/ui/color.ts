/**
 * Colour on the terminal as the conventions say: NO_COLOR (https://no-color.org), set and not
 * empty, turns colour off; FORCE_COLOR, when set, decides (0 off, 1–3 on), whatever NO_COLOR says.
 * Ink colours through chalk, which reads FORCE_COLOR once when it loads but not NO_COLOR: so
 * NO_COLOR is passed on as FORCE_COLOR=0, before Ink is imported.
 */

/** The environment Ink should load under: FORCE_COLOR=0 added where NO_COLOR asks for no colour. */
export function colorEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return noColor && env.FORCE_COLOR === undefined ? { ...env, FORCE_COLOR: '0' } : env;
}

/** Applies colorEnv to this process (call before Ink, and so chalk, is first imported). */
export function honourColorEnv(env: NodeJS.ProcessEnv = process.env): void {
  const next = colorEnv(env);
  if (next !== env && next.FORCE_COLOR !== undefined) env.FORCE_COLOR = next.FORCE_COLOR;
}
