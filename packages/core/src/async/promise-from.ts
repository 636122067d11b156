/**
 * Calls `task` now; a synchronous throw becomes a rejection with exactly what was thrown, as it would
 * inside `then`, so callers see one way of failing.
 *
 * @example
 * ```ts
 * return promiseFrom(() => { check(args); return store.read(id) })
 * ```
 */
export function promiseFrom<R>(task: () => Promise<R>): Promise<R> {
  try {
    return task()
  } catch (error) {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passed on unchanged, as `then` does
    return Promise.reject(error)
  }
}
