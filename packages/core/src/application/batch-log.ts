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
 * Lines of a batch's log. A log is bounded (the host's cap): when older lines were dropped, a marker
 * line saying how many (`... 1234 earlier lines dropped ...`) stands at the position of the last dropped
 * one, and a read from before it starts there.
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
  /**
   * The position after the log's last line: how many lines the batch has written so far, dropped ones
   * included. A client following the log asks next for `from + lines.length`.
   */
  readonly total: number
}
