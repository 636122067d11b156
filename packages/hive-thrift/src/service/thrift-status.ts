import { BatchgateError, ErrorCode } from '@batchgate/core'
import { TStatusCode, type TStatus } from '../protocol/tcliservice-types.js'

/** The status of every successful answer. */
export const SUCCESS_STATUS: TStatus = Object.freeze({ statusCode: TStatusCode.SUCCESS_STATUS })

/** The answer to a bug: `HY000`, without the bug's message (which could say more than a client should see). */
export const INTERNAL_ERROR: TStatus = Object.freeze({
  statusCode: TStatusCode.ERROR_STATUS,
  errorMessage: 'internal error: the server failed to answer this call',
  sqlState: 'HY000',
  errorCode: 0,
})

/**
 * The SQLSTATE a core error travels with when core gave none (ODBC's classes, as JDBC/ODBC drivers
 * read them): a handle that is not open is `08003` (session: "connection does not exist") or `24000`
 * (operation: "invalid cursor state"); a quota `HY014` ("limit on the number of handles exceeded"); a
 * call in the wrong state `HY010` ("function sequence error"); a bad fetch `HY024` ("invalid attribute
 * value") and an orientation not served `HY106` ("fetch type out of range"); a scroll back beyond what
 * can be re-read `HY107` ("row value out of range"); a refused proxy user `28000`; a bad request
 * `22023` ("invalid parameter value"); no statement executor `HYC00` ("optional feature not
 * implemented"); an engine shutting down or its metastore away `08S01` ("communication link failure");
 * anything else `HY000` ("general error").
 */
const SQL_STATE_OF: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.SESSION_NOT_FOUND]: '08003',
  [ErrorCode.OPERATION_NOT_FOUND]: '24000',
  [ErrorCode.SESSION_LIMIT_EXCEEDED]: 'HY014',
  [ErrorCode.OPERATION_LIMIT_EXCEEDED]: 'HY014',
  [ErrorCode.INVALID_OPERATION_STATE]: 'HY010',
  [ErrorCode.INVALID_FETCH_REQUEST]: 'HY024',
  [ErrorCode.UNSUPPORTED_FETCH_ORIENTATION]: 'HY106',
  [ErrorCode.SCROLLBACK_EXCEEDED]: 'HY107',
  [ErrorCode.PERMISSION_DENIED]: '28000',
  [ErrorCode.INVALID_REQUEST]: '22023',
  [ErrorCode.INVALID_OPTIONS]: 'HYC00',
  [ErrorCode.CLOSED]: '08S01',
  [ErrorCode.METASTORE_UNAVAILABLE]: '08S01',
}

/**
 * `TStatus.errorCode` (Hive's vendor code, an i32) of each core error: a stable number per core code,
 * never reused, so a driver that only shows the number still tells the cases apart. 0 is what Hive sends
 * for an error without a code; this front sends it for its own refusals (unserved methods, bad fetch
 * arguments) and for bugs.
 */
const ERROR_NUMBER_OF: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.INVALID_REQUEST]: 1001,
  [ErrorCode.PERMISSION_DENIED]: 1002,
  [ErrorCode.INVALID_FETCH_REQUEST]: 1003,
  [ErrorCode.UNSUPPORTED_FETCH_ORIENTATION]: 1004,
  [ErrorCode.SCROLLBACK_EXCEEDED]: 1005,
  [ErrorCode.SOURCE_FAILED]: 1006,
  [ErrorCode.OPERATION_NOT_FOUND]: 1007,
  [ErrorCode.METASTORE_UNAVAILABLE]: 1008,
  [ErrorCode.INVALID_OPTIONS]: 1009,
  [ErrorCode.CLOSED]: 1010,
  [ErrorCode.SESSION_NOT_FOUND]: 1011,
  [ErrorCode.SESSION_LIMIT_EXCEEDED]: 1012,
  [ErrorCode.OPERATION_LIMIT_EXCEEDED]: 1013,
  [ErrorCode.INVALID_OPERATION_STATE]: 1014,
}

/** The core code of each error number of {@link ERROR_NUMBER_OF}. */
const CODE_OF_NUMBER: ReadonlyMap<number, string> = new Map(
  Object.entries(ERROR_NUMBER_OF).map(([code, number]) => [number, code]),
)

/** `TStatusCode`'s names, by value. */
const STATUS_NAMES: readonly string[] = Object.keys(TStatusCode).sort(
  (a, b) => TStatusCode[a as keyof typeof TStatusCode] - TStatusCode[b as keyof typeof TStatusCode],
)

/**
 * The name of a status's code (`SUCCESS_STATUS`, `ERROR_STATUS`, …), or its number as text for one a
 * newer peer could send.
 *
 * @example
 * ```ts
 * statusName(SUCCESS_STATUS) // 'SUCCESS_STATUS'
 * ```
 */
export function statusName(status: TStatus): string {
  return STATUS_NAMES[status.statusCode] ?? String(status.statusCode)
}

/**
 * The error code a status answers, for the `batchgate:request` channel and the logs: the core code its
 * error number stands for (`OPERATION_NOT_FOUND`), `INTERNAL_ERROR` for a bug, else the SQLSTATE of the
 * front's own refusal (`HYC00` a method not served, `HY024` a bad fetch); `undefined` for a success.
 *
 * @example
 * ```ts
 * errorCodeOfStatus(statusOfError(error, onError)) // 'SESSION_NOT_FOUND'
 * ```
 */
export function errorCodeOfStatus(status: TStatus): string | undefined {
  if (
    status.statusCode !== TStatusCode.ERROR_STATUS &&
    status.statusCode !== TStatusCode.INVALID_HANDLE_STATUS
  ) {
    return undefined
  }
  if (status === INTERNAL_ERROR) return 'INTERNAL_ERROR'
  return CODE_OF_NUMBER.get(status.errorCode ?? 0) ?? status.sqlState ?? 'HY000'
}

/**
 * An ERROR status (statusCode 3) with a message, an SQLSTATE and Hive's `errorCode`.
 *
 * @example
 * ```ts
 * errorStatus('FetchResults: maxRows must be at least 1', 'HY024') // { statusCode: 3, … }
 * ```
 */
export function errorStatus(errorMessage: string, sqlState = 'HY000', errorCode = 0): TStatus {
  return { statusCode: TStatusCode.ERROR_STATUS, errorMessage, sqlState, errorCode }
}

/**
 * The ERROR status of something a call threw: a core `BatchgateError` with its own message (written for
 * people, never holding secrets), its SQLSTATE (core's own, else the class of the table above) and its
 * error number; anything else is a bug, given to `reportBug` and answered `HY000` without its message.
 *
 * @example
 * ```ts
 * try { … } catch (error) { return { status: statusOfError(error, onError) } }
 * ```
 */
export function statusOfError(error: unknown, reportBug: (error: unknown) => void): TStatus {
  if (BatchgateError.is(error)) {
    const number = ERROR_NUMBER_OF[error.code]
    if (number !== undefined) {
      return errorStatus(error.message, error.sqlState ?? SQL_STATE_OF[error.code] ?? 'HY000', number)
    }
  }
  reportBug(error)
  return INTERNAL_ERROR
}
