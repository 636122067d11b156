/**
 * The `BatchgateError` codes that answer a client's mistake or an expected condition, not a fault of
 * batchgate or its metastore: a span that ends with one keeps an unset status (like an HTTP server
 * span answering 4xx). Every other code, and an error without one, is a fault.
 */
const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set([
  'INVALID_BATCH_ID',
  'BATCH_ID_CONFLICT',
  'INVALID_REQUEST',
  'BATCH_NOT_FOUND',
  'PERMISSION_DENIED',
  'INVALID_FETCH_REQUEST',
  'UNSUPPORTED_FETCH_ORIENTATION',
  'SCROLLBACK_EXCEEDED',
  'OPERATION_NOT_FOUND',
  'SESSION_NOT_FOUND',
  'SESSION_LIMIT_EXCEEDED',
  'OPERATION_LIMIT_EXCEEDED',
  'INVALID_OPERATION_STATE',
  'BATCH_LOG_NOT_LOCAL',
  'INSTANCE_ALIVE',
  // A store's answer to an insert whose id exists: how a duplicate submission is recognised.
  'DUPLICATE_KEY',
])

/** Whether a call that ended with `errorCode` (or with an error and no code) is a fault. */
export function isFault(errorCode: string | undefined): boolean {
  return errorCode === undefined || !CLIENT_ERROR_CODES.has(errorCode)
}
