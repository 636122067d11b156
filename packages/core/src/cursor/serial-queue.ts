import { promiseFrom } from '../async/promise-from.js'

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

  /** Whether no task is running or waiting: a caller may then act at once and stay in order. */
  get idle(): boolean {
    return this.pending === 0
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
