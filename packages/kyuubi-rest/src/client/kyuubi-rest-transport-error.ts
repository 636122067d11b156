/**
 * A request of `kyuubiRestFetcher` got no usable answer: the connection failed or was lost (also
 * mid-answer), the answer did not come within `requestTimeoutMs`, the caller's signal aborted it, or the
 * server answered 5xx or 408. The server may or may not have moved its cursor, which is what
 * `resumableReader` re-synchronises with `FETCH_PRIOR`: this is deliberately not a `BatchgateError`, so
 * the reader retries it. `status` and `serverCode` are set when an answer came (`503`,
 * `METASTORE_UNAVAILABLE`); the underlying error (undici's, the abort reason) is the `cause`.
 *
 * @example
 * ```ts
 * resumableReader(fetcher, { maxRows: 1000, isRetryable: (err) => KyuubiRestTransportError.is(err) })
 * ```
 */
export class KyuubiRestTransportError extends Error {
  /** The answer's HTTP status, when one came. */
  readonly status: number | undefined
  /** The answer's JSON `code`, when one came. */
  readonly serverCode: string | undefined

  constructor(
    message: string,
    options: {
      readonly cause?: unknown
      readonly status?: number | undefined
      readonly serverCode?: string | undefined
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'KyuubiRestTransportError'
    this.status = options.status
    this.serverCode = options.serverCode
  }

  /** Whether `value` is a {@link KyuubiRestTransportError} (by name, so across package copies too). */
  static is(value: unknown): value is KyuubiRestTransportError {
    return value instanceof Error && value.name === 'KyuubiRestTransportError'
  }
}
