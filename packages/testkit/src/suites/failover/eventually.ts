/**
 * Polls `condition` every `everyMs` until it holds; fails after `withinMs`, naming `what`. For state
 * other processes write (rows, log lines), read no more often than a database is comfortable with.
 * `progress` says what was reached instead, in the failure's message.
 */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  withinMs: number,
  what: string,
  everyMs = 50,
  progress?: () => string | Promise<string>,
): Promise<void> {
  const deadline = performance.now() + withinMs
  while (!(await condition())) {
    if (performance.now() > deadline) {
      const seen = progress === undefined ? '' : ` (${await progress()})`
      throw new Error(`${what}: not reached within ${withinMs} ms${seen}`)
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
}
