/**
 * Runs async tasks one at a time, in the order they were given, whatever each one's outcome: a cursor's
 * fetches must never interleave, because each one moves the position the next one starts from.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve()

  /** Runs `task` after every task given before it has settled. */
  run<R>(task: () => Promise<R>): Promise<R> {
    const result = this.tail.then(task)
    this.tail = result.catch(() => undefined)
    return result
  }
}
