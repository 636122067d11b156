import { FETCH_ORIENTATIONS, isFetchOrientation, type FetchOrientation } from './fetch-orientation.js'
import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'
import { checkInteger, describeValue } from './option-checks.js'

/**
 * The largest `maxRows` a cursor serves unless its options say otherwise: one fetch must not be able to
 * make a server build an unbounded block.
 *
 * @example
 * ```ts
 * const maxRows = Math.min(requested, DEFAULT_MAX_ROWS_LIMIT)
 * ```
 */
export const DEFAULT_MAX_ROWS_LIMIT = 100_000

/**
 * Options every cursor takes.
 *
 * @example
 * ```ts
 * // An "old server": only forward reads, at most 10 000 rows a fetch.
 * cursorFromArray(rows, { orientations: [FetchOrientation.FETCH_NEXT], maxRowsLimit: 10_000 })
 * ```
 */
export interface CursorOptions {
  /** The largest `maxRows` a fetch may ask for (default {@link DEFAULT_MAX_ROWS_LIMIT}). */
  readonly maxRowsLimit?: number | undefined
  /**
   * The orientations this cursor serves (default: all six). Others are refused with
   * `UNSUPPORTED_FETCH_ORIENTATION` and `sqlState` `HY106`.
   */
  readonly orientations?: readonly FetchOrientation[] | undefined
}

/** {@link CursorOptions}, checked and with defaults applied. */
export interface FetchPolicy {
  readonly maxRowsLimit: number
  readonly orientations: ReadonlySet<FetchOrientation>
}

/** Checks `options` once, when the cursor is made, so a bad option never surfaces as a failed fetch. */
export function fetchPolicy(options: CursorOptions): FetchPolicy {
  const maxRowsLimit = checkInteger('maxRowsLimit', options.maxRowsLimit ?? DEFAULT_MAX_ROWS_LIMIT, 1)
  const orientations = options.orientations ?? FETCH_ORIENTATIONS
  for (const orientation of orientations) {
    if (!isFetchOrientation(orientation)) {
      throw new BatchgateError(
        ErrorCode.INVALID_FETCH_REQUEST,
        `orientations must list FetchOrientation values, got ${describeValue(orientation)}`,
      )
    }
  }
  return { maxRowsLimit, orientations: new Set(orientations) }
}
