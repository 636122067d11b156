import type { FetchOrientation } from './fetch-orientation.js'
import type { RowSet } from './row-set.js'

/**
 * A `fetch` with the signature of {@link OperationCursor.fetch}: a cursor's own, or a host's transport to a
 * server that serves one. {@link resumableReader} reads through it, and passes each attempt a `signal`
 * that it aborts when it abandons the attempt (no answer within its `fetchTimeoutMs`): a transport should
 * then cancel the request, since its answer will be ignored. A cursor's own `fetch` ignores it.
 *
 * @example
 * ```ts
 * const fetch: FetchFunction<Row> = (orientation, maxRows, offset, { signal } = {}) =>
 *   client.fetchResults({ handle, orientation, maxRows, offset }, { signal })
 * ```
 */
export type FetchFunction<T> = (
  orientation: FetchOrientation,
  maxRows: number,
  offset?: number,
  options?: FetchCallOptions,
) => Promise<RowSet<T>>

/** What a caller of a {@link FetchFunction} may add to one call. */
export interface FetchCallOptions {
  /** Aborted when the caller stops waiting for this call's answer, with the reason as `signal.reason`. */
  readonly signal?: AbortSignal | undefined
}

/**
 * A scrollable cursor over the result of one operation, the server half of Spark's FETCH_PRIOR
 * (SPARK-29349). With `start` the previous block's start (0 before any fetch) and `end` the position after
 * it, a fetch moves to a new start and returns rows `[newStart, min(newStart + maxRows, rowCount))`:
 *
 * | orientation | new start |
 * |---|---|
 * | `FETCH_NEXT` | `end` |
 * | `FETCH_PRIOR` | `max(0, start - maxRows)` |
 * | `FETCH_FIRST` | `0` |
 * | `FETCH_ABSOLUTE` | `offset`, clamped to `[0, rowCount]` |
 * | `FETCH_RELATIVE` | `start + offset`, clamped to `[0, rowCount]` (`0` re-reads the previous block) |
 * | `FETCH_LAST` | `max(0, rowCount - maxRows)` |
 *
 * A fetch that fails (bad arguments, a declined orientation, a failing source) leaves the cursor where it
 * was. Fetches on one cursor run one at a time in call order, even when the caller does not await them.
 *
 * @example
 * ```ts
 * const cursor = cursorFromArray(rows)
 * const block = await cursor.fetch(FetchOrientation.FETCH_NEXT, 5)
 * await cursor.fetch(FetchOrientation.FETCH_ABSOLUTE, 5, 7)
 * await cursor.close()
 * ```
 */
export interface OperationCursor<T> {
  /**
   * Moves by `orientation` and returns the block there. `offset` is required by `FETCH_ABSOLUTE` and
   * `FETCH_RELATIVE` and refused by the others. Rejects with `INVALID_FETCH_REQUEST` for bad arguments,
   * `UNSUPPORTED_FETCH_ORIENTATION` (`sqlState` `HY106`) for an orientation this cursor declines, and
   * `CLOSED` after {@link OperationCursor.close}.
   */
  fetch(orientation: FetchOrientation, maxRows: number, offset?: number): Promise<RowSet<T>>
  /** Releases the rows and the source once the fetches called before it have settled; idempotent. */
  close(): Promise<void>
}
