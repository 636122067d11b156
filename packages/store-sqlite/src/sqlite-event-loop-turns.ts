/**
 * How long a burst of synchronous store calls may hold the event loop before the next call lets it turn,
 * in milliseconds: short next to the host's timers (cancel polling every 2 s, launch outcomes, request
 * timeouts), long next to one SQLite statement, so a burst yields once every many calls.
 */
export const LOOP_BUDGET_MS = 8

/**
 * Lets the event loop turn during long bursts of synchronous work. better-sqlite3 runs each statement
 * synchronously and the store answers with already-resolved promises, so a caller's loop of awaited
 * store calls runs entirely in microtasks: no timer, I/O callback or `setImmediate` can run until it
 * ends. The first call of a burst notes the time and schedules a `setImmediate`, which runs at the next
 * turn of the loop and ends the burst; a call made once the burst has lasted `budgetMs` gets a promise
 * that resolves after a `setImmediate` — after the loop's timers and I/O have had their turn. Calls
 * inside the budget cost one `performance.now()` and stay synchronous.
 *
 * One instance is shared by every store of the process (see {@link sqliteEventLoopTurns}), since they
 * all hold the same loop.
 *
 * @example
 * ```ts
 * const turn = sqliteEventLoopTurns.due()
 * if (turn !== undefined) await turn
 * ```
 */
export class EventLoopTurns {
  /** When the current burst started (`performance.now()`), or undefined once the loop has turned. */
  #burstStarted: number | undefined

  constructor(private readonly budgetMs: number = LOOP_BUDGET_MS) {}

  /** Undefined while the current burst is within its budget; otherwise a promise to await first. */
  due(): Promise<void> | undefined {
    const now = performance.now()
    if (this.#burstStarted === undefined) {
      this.#burstStarted = now
      setImmediate(() => {
        this.#burstStarted = undefined
      })
      return undefined
    }
    if (now - this.#burstStarted < this.budgetMs) return undefined
    return new Promise((resolve) => setImmediate(resolve))
  }
}

/** The event-loop budget shared by every SQLite store of this process (they all hold the same loop). */
export const sqliteEventLoopTurns = new EventLoopTurns()
