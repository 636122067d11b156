import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'
import { FetchOrientation } from './fetch-orientation.js'
import { describeValue } from './option-checks.js'
import type { RowSet } from './row-set.js'

/** What a resumable read knows when an answer arrives. */
export interface ReadProgress {
  /** Rows yielded so far: the offset of the next row to yield. */
  readonly rowsRead: number
  /** Where the server's last accepted block ended; a `FETCH_NEXT` answer must start there. */
  readonly serverEnd: number
  /** The fewest rows the result can have, given the answers so far (a block with more rows after it counts one more). */
  readonly minRowCount: number
}

function mismatch(message: string): BatchgateError {
  return new BatchgateError(
    ErrorCode.FETCH_OFFSET_MISMATCH,
    `${message}; stopping the read rather than risk a lost or repeated row`,
  )
}

/**
 * Refuses an answer that cannot be placed among the rows already read. An old server that always reports
 * `startRowOffset` 0 fails the second `FETCH_NEXT`; one that reports a block's end (Kyuubi) fails the first.
 */
export function checkAnswer(
  answer: RowSet<unknown>,
  orientation: FetchOrientation,
  progress: ReadProgress,
): void {
  const { startRowOffset: start, rows, hasMoreRows } = answer
  if (!Number.isSafeInteger(start) || start < 0 || !Array.isArray(rows)) {
    throw mismatch(`${orientation} answered with startRowOffset ${describeValue(start)} and no row array`)
  }
  if (orientation === FetchOrientation.FETCH_NEXT && start !== progress.serverEnd) {
    throw mismatch(
      `FETCH_NEXT answered with startRowOffset ${start}, but the previous block ended at row ${progress.serverEnd}`,
    )
  }
  if (start > progress.rowsRead) {
    throw mismatch(
      `${orientation} answered with startRowOffset ${start}, but only ${progress.rowsRead} rows were read`,
    )
  }
  if (!hasMoreRows && start + rows.length < progress.minRowCount) {
    throw mismatch(
      `${orientation} says the result ends at row ${start + rows.length}, but earlier answers showed at least ${progress.minRowCount} rows`,
    )
  }
  if (hasMoreRows && rows.length === 0) {
    throw mismatch(`${orientation} answered an empty block at row ${start} that claims more rows follow`)
  }
}
