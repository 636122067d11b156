import { BatchgateError, ErrorCode } from '@batchgate/core'

/**
 * The server refused a request of `kyuubiRestFetcher` with a 4xx answer: sending it again would be
 * refused again, so it is a `BatchgateError` and `resumableReader` ends the read with it rather than
 * retry. Its `code` is the server's `code` when that is one of core's {@link ErrorCode}s (so
 * `UNSUPPORTED_FETCH_ORIENTATION`, `OPERATION_NOT_FOUND`, `INVALID_OPERATION_STATE` … pass through as
 * the engine raised them); otherwise it follows the status: 401 and 403 are `PERMISSION_DENIED`, 404 and
 * 405 (no such route: a wrong `baseUrl`) `INVALID_OPTIONS`, any other `INVALID_REQUEST`. `status` and
 * `serverCode` keep the answer's own values (`401`, `UNAUTHENTICATED`).
 *
 * @example
 * ```ts
 * if (KyuubiRestRequestError.is(err) && err.status === 401) askForCredentialsAgain()
 * ```
 */
export class KyuubiRestRequestError extends BatchgateError {
  /** The answer's HTTP status (400 to 499). */
  readonly status: number
  /** The answer's JSON `code` verbatim (`undefined` when the body had none). */
  readonly serverCode: string | undefined

  constructor(status: number, serverCode: string | undefined, message: string) {
    super(codeOf(status, serverCode), message)
    this.name = 'KyuubiRestRequestError'
    this.status = status
    this.serverCode = serverCode
  }

  /** Whether `value` is a {@link KyuubiRestRequestError} (by name and shape, so across package copies too). */
  static override is(value: unknown, code?: ErrorCode): value is KyuubiRestRequestError {
    return (
      BatchgateError.is(value, code) &&
      value.name === 'KyuubiRestRequestError' &&
      typeof (value as { status?: unknown }).status === 'number'
    )
  }
}

const KNOWN_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode))

function codeOf(status: number, serverCode: string | undefined): ErrorCode {
  if (serverCode !== undefined && KNOWN_CODES.has(serverCode)) return serverCode as ErrorCode
  if (status === 401 || status === 403) return ErrorCode.PERMISSION_DENIED
  if (status === 404 || status === 405) return ErrorCode.INVALID_OPTIONS
  return ErrorCode.INVALID_REQUEST
}
