import { ErrorCode, FetchOrientation } from '@batchgate/core'
import { TStatusCode, type TStatus } from '../protocol/tcliservice-types.js'
import { HiveThriftRequestError } from './hive-thrift-request-error.js'
import { quoteServerText } from './quote-server-text.js'

/** Hive's and Spark's wording when an orientation is refused: "The fetch type FETCH_PRIOR is not supported …". */
const NOT_SUPPORTED = /not supported|unsupported/i

/**
 * The refusal in a response's `TStatus`, or `undefined` when the status is a success
 * (`SUCCESS_STATUS`, `SUCCESS_WITH_INFO_STATUS`). `what` names the call (`FETCH_PRIOR(1)`).
 *
 * An orientation the server does not serve is `UNSUPPORTED_FETCH_ORIENTATION` (`sqlState` `HY106`):
 * recognised by that SQLSTATE or by "not supported" in the message
 * (an old Hive or Spark server may send no SQLSTATE). That is Spark's "old server" rule: a server that
 * cannot answer `FETCH_PRIOR` cannot tell a reader where it stands after a lost answer, and
 * `resumableReader` ends the read saying so rather than risk a lost or repeated row.
 * `INVALID_HANDLE_STATUS` is `OPERATION_NOT_FOUND`; any other refusal `INVALID_REQUEST`.
 *
 * @example
 * ```ts
 * const refusal = statusRefusal(response.status, FetchOrientation.FETCH_PRIOR, 'FETCH_PRIOR(1)', undefined)
 * if (refusal !== undefined) throw refusal
 * ```
 */
export function statusRefusal(
  status: TStatus,
  orientation: FetchOrientation,
  what: string,
  password: string | undefined,
): HiveThriftRequestError | undefined {
  const { statusCode, sqlState, errorCode, errorMessage } = status
  if (statusCode === TStatusCode.SUCCESS_STATUS || statusCode === TStatusCode.SUCCESS_WITH_INFO_STATUS) {
    return undefined
  }
  const said = quoteServerText(errorMessage ?? '', password)
  const refusal = {
    serverMessage: errorMessage === undefined ? undefined : said,
    sqlState,
    errorCode,
    statusCode,
  }
  const detail = `${said === '' ? 'no message' : said}${sqlState === undefined ? '' : ` (SQLSTATE ${sqlState})`}`
  if (sqlState === 'HY106' || NOT_SUPPORTED.test(said)) {
    const scroll = orientation === FetchOrientation.FETCH_PRIOR ? ': the server cannot scroll back' : ''
    return new HiveThriftRequestError(
      ErrorCode.UNSUPPORTED_FETCH_ORIENTATION,
      `the server does not serve ${what}${scroll}: ${detail}`,
      { ...refusal, sqlState: sqlState ?? 'HY106' },
    )
  }
  if (statusCode === TStatusCode.INVALID_HANDLE_STATUS) {
    return new HiveThriftRequestError(
      ErrorCode.OPERATION_NOT_FOUND,
      `the server does not know the operation handle (${what}): ${detail}`,
      refusal,
    )
  }
  return new HiveThriftRequestError(
    ErrorCode.INVALID_REQUEST,
    `the server refused ${what} (${statusName(statusCode)}): ${detail}`,
    refusal,
  )
}

function statusName(statusCode: number): string {
  const name = Object.entries(TStatusCode).find(([, value]) => value === statusCode)?.[0]
  return name ?? `status ${statusCode}`
}
