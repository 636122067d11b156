/**
 * One block of a result, as a fetch returns it.
 *
 * @example
 * ```ts
 * const { startRowOffset, rows, hasMoreRows } = await cursor.fetch(FetchOrientation.FETCH_NEXT, 5)
 * rows.forEach((row, i) => console.log(startRowOffset + i, row))
 * ```
 */
export interface RowSet<T> {
  /** The 0-based index of `rows[0]` in the whole result: the block's start, also when `rows` is empty. */
  readonly startRowOffset: number
  /** At most `maxRows` rows, in result order. */
  readonly rows: readonly T[]
  /** `false` once the block reaches the end of the result. */
  readonly hasMoreRows: boolean
}
