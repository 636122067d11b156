import { ErrorCode, FetchOrientation } from '@batchgate/core'
import { TStatusCode, type TStatus } from '../protocol/tcliservice-types.js'
import { HiveThriftRequestError } from './hive-thrift-request-error.js'
import { quoteServerText } from './quote-server-text.js'

/** Hive's and Spark's wording when an orientation is refused: "The fetch type FETCH_PRIOR is not supported …". */
const NOT_SUPPORTED = /not supported|unsupported/i

/** The ODBC SQLSTATEs a host can act on, as HiveServer2 (and a batchgate server) sends them. */
const CODE_OF_SQL_STATE: Readonly<Record<string, ErrorCode>> = {
  /** Invalid cursor state: the operation handle is not open (any more). */
  '24000': ErrorCode.OPERATION_NOT_FOUND,
  /** Function sequence error: e.g. fetching before the statement finished. */
  HY010: ErrorCode.INVALID_OPERATION_STATE,
  /** Invalid attribute value: a bad fetch (maxRows over the server's limit). */
  HY024: ErrorCode.INVALID_FETCH_REQUEST,
  /** Invalid authorization specification. */
  '28000': ErrorCode.PERMISSION_DENIED,
}

/**
 * The refusal in a response's `TStatus`, or `undefined` when the status is a success
 * (`SUCCESS_STATUS`, `SUCCESS_WITH_INFO_STATUS`). `what` names the call (`FETCH_PRIOR(1)`).
 *
 * An orientation the server does not serve is `UNSUPPORTED_FETCH_ORIENTATION` (`sqlState` `HY106`):
 * recognised by that SQLSTATE or by "not supported" in the message (an old server may send no
 * SQLSTATE). That is Spark's "old server" rule: a server that cannot answer `FETCH_PRIOR` cannot tell a
 * reader where it stands after a lost answer, and `resumableReader` ends the read saying so rather than
 * risk a lost or repeated row. `INVALID_HANDLE_STATUS` or SQLSTATE `24000` is `OPERATION_NOT_FOUND`,
 * `HY010` `INVALID_OPERATION_STATE`, `HY024` `INVALID_FETCH_REQUEST`, `28000` `PERMISSION_DENIED`; any
 * other refusal `INVALID_REQUEST`.
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
    const scroll = orientation === FetchOrientation.FETCH_PRIOR ? ' (it cannot scroll back)' : ''
    return new HiveThriftRequestError(
      ErrorCode.UNSUPPORTED_FETCH_ORIENTATION,
      `the server does not serve ${what}${scroll}: ${detail}`,
      { ...refusal, sqlState: sqlState ?? 'HY106' },
    )
  }
  const code =
    statusCode === TStatusCode.INVALID_HANDLE_STATUS
      ? ErrorCode.OPERATION_NOT_FOUND
      : (CODE_OF_SQL_STATE[sqlState ?? ''] ?? ErrorCode.INVALID_REQUEST)
  return new HiveThriftRequestError(
    code,
    `the server refused ${what} (${statusName(statusCode)}): ${detail}`,
    refusal,
  )
}

function statusName(statusCode: number): string {
  const name = Object.entries(TStatusCode).find(([, value]) => value === statusCode)?.[0]
  return name ?? `status ${statusCode}`
}
