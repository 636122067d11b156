import { BatchgateError, type ErrorCode } from '@batchgate/core'

/** What the server said when it refused a call, as far as it said it. */
export interface HiveThriftRefusal {
  /** The server's message (`TStatus.errorMessage`, a SASL `BAD` message, an HTTP body), shortened. */
  readonly serverMessage: string | undefined
  /** `TStatus.sqlState`, e.g. `HY106` for an orientation the server does not serve. */
  readonly sqlState?: string | undefined
  /** `TStatus.errorCode`, the server's own number. */
  readonly errorCode?: number | undefined
  /** `TStatus.statusCode` (`ERROR_STATUS` 3, `INVALID_HANDLE_STATUS` 4, …) when a status came. */
  readonly statusCode?: number | undefined
  /** The HTTP status, when the refusal was an HTTP answer. */
  readonly httpStatus?: number | undefined
}

/**
 * The server refused a call of `hiveThriftFetcher`: a `TStatus` of `ERROR_STATUS` (or
 * `INVALID_HANDLE_STATUS`, `STILL_EXECUTING_STATUS`), a Thrift application exception, a SASL `BAD` or
 * `ERROR` answer to the credentials, or an HTTP 4xx. Sending the call again would be refused again, so it
 * is a `BatchgateError` and `resumableReader` ends the read with it rather than retry. Its `code` says
 * what the host can do: `UNSUPPORTED_FETCH_ORIENTATION` (`sqlState` `HY106`) when the server does not
 * serve the orientation — for `FETCH_PRIOR`, Spark's "old server" that cannot scroll back, which the
 * reader turns into a clear "cannot resume the read" error —, `OPERATION_NOT_FOUND` for an invalid handle,
 * `PERMISSION_DENIED` for refused credentials, `INVALID_OPTIONS` for a wrong HTTP path, otherwise
 * `INVALID_REQUEST`. The server's own words are kept in `serverMessage`, `sqlState`, `errorCode`.
 *
 * @example
 * ```ts
 * if (HiveThriftRequestError.is(err, ErrorCode.UNSUPPORTED_FETCH_ORIENTATION)) console.log(err.sqlState) // HY106
 * ```
 */
export class HiveThriftRequestError extends BatchgateError {
  /** The server's message verbatim (shortened), `undefined` when it sent none. */
  readonly serverMessage: string | undefined
  /** `TStatus.errorCode`, when the server sent one. */
  readonly errorCode: number | undefined
  /** `TStatus.statusCode`, when the refusal was a status. */
  readonly statusCode: number | undefined
  /** The HTTP status, when the refusal was an HTTP answer. */
  readonly httpStatus: number | undefined

  constructor(code: ErrorCode, message: string, refusal: HiveThriftRefusal) {
    super(code, message, refusal.sqlState === undefined ? {} : { sqlState: refusal.sqlState })
    this.name = 'HiveThriftRequestError'
    this.serverMessage = refusal.serverMessage
    this.errorCode = refusal.errorCode
    this.statusCode = refusal.statusCode
    this.httpStatus = refusal.httpStatus
  }

  /** Whether `value` is a {@link HiveThriftRequestError} (by name and code, so across package copies too). */
  static override is(value: unknown, code?: ErrorCode): value is HiveThriftRequestError {
    return BatchgateError.is(value, code) && value.name === 'HiveThriftRequestError'
  }
}
