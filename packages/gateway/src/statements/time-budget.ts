/**
 * The time a statement may spend working, summed over its steps (compiling and the first row, then
 * every block of rows a fetch pulls): an idle cursor costs nothing, a runaway statement or an endless
 * result read to its end runs out.
 *
 * @example
 * ```ts
 * const budget = new TimeBudget(60_000)
 * const stop = budget.start(() => child.kill('SIGKILL'))
 * // … when the step is answered:
 * stop()
 * ```
 */
export class TimeBudget {
  #spentMs = 0

  constructor(readonly limitMs: number) {}

  /** Starts a step; `onExhausted` runs if the budget runs out before the returned function is called. */
  start(onExhausted: () => void): () => void {
    const started = performance.now()
    const timer = setTimeout(onExhausted, Math.max(0, this.limitMs - this.#spentMs))
    return () => {
      clearTimeout(timer)
      this.#spentMs += performance.now() - started
    }
  }
}
