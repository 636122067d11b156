/**
 * Waits for every one of `opening` and returns them all; when any fails, closes the ones that did
 * open (so nothing leaks: no connections, no timers keeping the process alive) and rethrows the first
 * failure, in list order. Errors while closing are ignored: the open failure is what the caller needs.
 *
 * @example
 * ```ts
 * const engines = await openAll(stores.map((store) => createEngine({ store })), (engine) => engine.close())
 * ```
 */
export async function openAll<T>(
  opening: readonly Promise<T>[],
  close: (opened: T) => Promise<unknown>,
): Promise<T[]> {
  const settled = await Promise.allSettled(opening)
  const opened: T[] = []
  let failure: { readonly reason: unknown } | undefined
  for (const result of settled) {
    if (result.status === 'fulfilled') opened.push(result.value)
    else failure ??= { reason: result.reason }
  }
  if (failure === undefined) return opened
  await Promise.allSettled(opened.map(async (value) => close(value)))
  throw failure.reason
}
