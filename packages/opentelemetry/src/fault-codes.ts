/**
 * The error codes that tell a fault of batchgate, its metastore or its host's setup, rather than an
 * answer to the client's mistake (an invalid request, an unknown handle, a conflict, a limit reached)
 * or an expected condition (`DUPLICATE_KEY`: how a duplicate submission is recognised). A span that
 * ends with a fault gets status ERROR; with any other code its status stays unset, like an HTTP server
 * span answering 4xx.
 */
const FAULT_CODES: ReadonlySet<string> = new Set([
  'METASTORE_UNAVAILABLE',
  'CLOSED',
  'SOURCE_FAILED',
  'CORRUPT_BATCH_RECORD',
  'ILLEGAL_STATE_TRANSITION',
  'BATCH_LOG_WRITE_FAILED',
  'INVALID_OPTIONS',
  'FETCH_RETRIES_EXHAUSTED',
  'FETCH_TIMEOUT',
  'FETCH_OFFSET_MISMATCH',
  // What the channels report for an error that is not a BatchgateError (a bug, a driver's error).
  'UNKNOWN',
  // The wire fronts' answer to a bug.
  'INTERNAL_ERROR',
])

/**
 * Whether a call that ended with `errorCode` is a fault; `undefined` (an error without a code) is one.
 * Codes it does not know (a front's own refusals: SQLSTATEs, `UNKNOWN_METHOD`, `NOT_FOUND`) are not.
 *
 * @example
 * ```ts
 * isFault('METASTORE_UNAVAILABLE') // true
 * isFault('DUPLICATE_KEY') // false
 * ```
 */
export function isFault(errorCode: string | undefined): boolean {
  return errorCode === undefined || FAULT_CODES.has(errorCode)
}
