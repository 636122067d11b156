/**
 * Polls `condition` until it holds, failing after `timeoutMs`. For state written in the background
 * (a launch's outcome), never for timing assertions.
 *
 * @example
 * ```ts
 * await waitUntil(() => launcher.launchesOf(id) === 1)
 * ```
 */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
