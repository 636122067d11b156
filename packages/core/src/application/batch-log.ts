/**
 * Which lines of a batch's log to read with `engine.batches.log`: `size` lines from line `from`
 * (0-based, counted over every line the batch ever wrote, dropped ones included).
 *
 * @example
 * ```ts
 * const page = await engine.batches.log(id, { from: 0, size: 100 }, { user: 'alice' })
 * ```
 */
export interface BatchLogRange {
  readonly from?: number | undefined
  readonly size?: number | undefined
}

/**
 * Lines of a batch's log. A log is bounded (the host's cap): when older lines were dropped, the first
 * kept line is a marker saying how many.
 *
 * @example
 * ```ts
 * const { lines, total } = await engine.batches.log(id, { from: 0, size: 100 }, { user: 'alice' })
 * ```
 */
export interface BatchLogPage {
  readonly lines: readonly string[]
  /** The index of `lines[0]`. */
  readonly from: number
  /** How many lines the log holds now. */
  readonly total: number
}
