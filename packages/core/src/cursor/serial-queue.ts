/**
 * Runs async tasks one at a time, in the order they were given, whatever each one's outcome: a cursor's
 * fetches must never interleave, because each one moves the position the next one starts from.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve()
  private pending = 0
  private readonly settle = (): void => {
    this.pending--
  }

  /** Runs `task` after every task given before it has settled. */
  run<R>(task: () => Promise<R>): Promise<R> {
    // Nothing pending (one fetch at a time, the usual case): start at once rather than a turn later.
    const result = this.pending === 0 ? promiseFrom(task) : this.tail.then(task)
    this.pending++
    this.tail = result.then(this.settle, this.settle)
    return result
  }
}

/**
 * Calls `task` now; a synchronous throw becomes a rejection with exactly what was thrown, as it would
 * inside `then`, so callers see one way of failing.
 *
 * @example
 * ```ts
 * return promiseFrom(() => { check(args); return queue.run(work) })
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
