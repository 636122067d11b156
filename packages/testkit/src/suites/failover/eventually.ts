/**
 * Polls `condition` every `everyMs` until it holds; fails after `withinMs`, naming `what`. For state
 * other processes write (rows, log lines), read no more often than a database is comfortable with.
 */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  withinMs: number,
  what: string,
  everyMs = 50,
): Promise<void> {
  const deadline = performance.now() + withinMs
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`${what}: not reached within ${withinMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
}
