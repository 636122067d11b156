import { BatchgateError, ErrorCode } from '@batchgate/core'
import { RestError, RestErrorCode } from './rest-error.js'

/** Seconds a client should wait before retrying an outage (`Retry-After`). */
export const RETRY_AFTER_SECONDS = '5'

/**
 * The HTTP status of each core error a route can meet. Codes left out (a broken store contract, a
 * client-side reader's codes) are bugs here, answered 500 without their message.
 */
const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.INVALID_BATCH_ID]: 400,
  [ErrorCode.INVALID_REQUEST]: 400,
  [ErrorCode.INVALID_FETCH_REQUEST]: 400,
  [ErrorCode.UNSUPPORTED_FETCH_ORIENTATION]: 400,
  [ErrorCode.INVALID_OPERATION_STATE]: 400,
  // The client scrolled back further than the result can be re-read: it asked for something impossible.
  [ErrorCode.SCROLLBACK_EXCEEDED]: 400,
  [ErrorCode.PERMISSION_DENIED]: 403,
  [ErrorCode.BATCH_NOT_FOUND]: 404,
  [ErrorCode.SESSION_NOT_FOUND]: 404,
  [ErrorCode.OPERATION_NOT_FOUND]: 404,
  // The log is on the instance that runs the batch (named in the message): not found here.
  [ErrorCode.BATCH_LOG_NOT_LOCAL]: 404,
  [ErrorCode.BATCH_ID_CONFLICT]: 409,
  // `POST /batches/reassign` named an instance whose lease is live (or this one): the request conflicts
  // with the target's current state and may succeed once its lease expires. Kyuubi answers 500 (an
  // IllegalStateException "KyuubiInstance is alive"), which would read as a bug of the server.
  [ErrorCode.INSTANCE_ALIVE]: 409,
  // A per-user or per-session quota: the client may retry once it closed some of its sessions/operations.
  [ErrorCode.SESSION_LIMIT_EXCEEDED]: 429,
  [ErrorCode.OPERATION_LIMIT_EXCEEDED]: 429,
  // The statement's row source failed: the upstream of this gateway, not the gateway itself.
  [ErrorCode.SOURCE_FAILED]: 502,
  // No statement executor configured: this deployment does not offer statements.
  [ErrorCode.INVALID_OPTIONS]: 501,
  [ErrorCode.METASTORE_UNAVAILABLE]: 503,
  [ErrorCode.CLOSED]: 503,
}

/**
 * The answer to an error a route threw: a {@link RestError} as it is; a core `BatchgateError` with its
 * own message (written for people, never holding secrets) and the status of the table above, with
 * `Retry-After` on 503; anything else is a bug, given to `reportBug` and answered 500 without its message.
 *
 * @example
 * ```ts
 * sendError(res, restErrorOf(error, (bug) => console.error(bug)))
 * ```
 */
export function restErrorOf(error: unknown, reportBug: (error: unknown) => void): RestError {
  if (error instanceof RestError) return error
  if (BatchgateError.is(error)) {
    const status = STATUS_OF[error.code]
    if (status !== undefined) {
      const headers: Record<string, string> = status === 503 ? { 'Retry-After': RETRY_AFTER_SECONDS } : {}
      return new RestError(status, error.code, error.message, headers, { cause: error })
    }
  }
  reportBug(error)
  return new RestError(500, RestErrorCode.INTERNAL_ERROR, 'internal error: the server failed to answer', {})
}
