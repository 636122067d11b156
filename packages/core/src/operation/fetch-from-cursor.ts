import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'
import { thrownMessage } from '../errors/describe-value.js'
import type { FetchOrientation } from '../cursor/fetch-orientation.js'
import type { OperationCursor } from '../cursor/operation-cursor.js'
import type { RowSet } from '../cursor/row-set.js'
import type { ResultRow } from '../statement/result-column.js'

/**
 * One fetch from a host's cursor. Core's cursors check the arguments themselves (`INVALID_FETCH_REQUEST`,
 * `UNSUPPORTED_FETCH_ORIENTATION`, …); anything else a host's own cursor throws becomes `SOURCE_FAILED`
 * with it as `cause`, so a caller only ever sees typed errors.
 *
 * @example
 * ```ts
 * const block = await fetchFromCursor(result.cursor, FetchOrientation.FETCH_NEXT, 100, undefined)
 * ```
 */
export async function fetchFromCursor(
  cursor: OperationCursor<ResultRow>,
  orientation: FetchOrientation,
  maxRows: number,
  offset: number | undefined,
): Promise<RowSet<ResultRow>> {
  try {
    return await cursor.fetch(orientation, maxRows, offset)
  } catch (error) {
    if (BatchgateError.is(error)) throw error
    throw new BatchgateError(ErrorCode.SOURCE_FAILED, `the result's cursor failed: ${thrownMessage(error)}`, {
      cause: error,
    })
  }
}
