import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'
import { promiseFrom } from './promise-from.js'

/**
 * The public calls of a closable service: refused with `CLOSED` once {@link CallTracker.stop} was called,
 * and kept in view until they settle, so that closing can wait for the calls under way.
 *
 * @example
 * ```ts
 * const calls = new CallTracker()
 * const answer = calls.run(async () => work())
 * calls.stop()
 * await calls.drained()
 * ```
 */
export class CallTracker {
  #stopped = false
  readonly #inFlight = new Set<Promise<unknown>>()

  /** Throws `CLOSED` once stopped: the check of a synchronous call. */
  check(): void {
    if (this.#stopped) throw new BatchgateError(ErrorCode.CLOSED, 'the engine is closed')
  }

  /** Runs an asynchronous call unless stopped; a check that throws before its first await becomes its rejection. */
  run<T>(call: () => Promise<T>): Promise<T> {
    const running = promiseFrom(() => {
      this.check()
      return call()
    })
    this.#inFlight.add(running)
    const forget = (): void => {
      this.#inFlight.delete(running)
    }
    running.then(forget, forget)
    return running
  }

  /** Refuses every later call with `CLOSED`. */
  stop(): void {
    this.#stopped = true
  }

  /** Resolves once every call started so far (and any they started meanwhile) has settled. */
  async drained(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled(this.#inFlight)
  }
}
