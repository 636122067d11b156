/** Deep enough for any real wrapping, small enough to stop on a cyclic chain. */
const MAX_CAUSE_DEPTH = 16

/**
 * The first error in `error`'s `cause` chain (starting with `error` itself) that satisfies `predicate`.
 * Stores use it to classify a driver error that a pool, ORM or retry wrapper has wrapped.
 *
 * @example
 * ```ts
 * const sqliteError = findInCauseChain(err, (e) => typeof (e as { code?: unknown }).code === 'string')
 * ```
 */
export function findInCauseChain(error: unknown, predicate: (candidate: unknown) => boolean): unknown {
  let current: unknown = error
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current !== undefined && current !== null; depth++) {
    if (predicate(current)) return current
    current = typeof current === 'object' ? (current as { cause?: unknown }).cause : undefined
  }
  return undefined
}
