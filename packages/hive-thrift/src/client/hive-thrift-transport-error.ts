/**
 * A call of `hiveThriftFetcher` got no usable answer: the connection could not be made or broke (also
 * mid-answer), the SASL handshake was cut, the answer did not come within `requestTimeoutMs`, the
 * caller's signal abandoned it, or an HTTP front answered 5xx or 408. The server may or may not have moved
 * its cursor, which is what `resumableReader` re-synchronises with `FETCH_PRIOR`: this is deliberately
 * not a `BatchgateError`, so the reader retries it (the next call opens a new connection). `status` is
 * set when an HTTP answer came; the underlying error (the socket's, the abort reason) is the `cause`.
 *
 * @example
 * ```ts
 * resumableReader(fetcher, { maxRows: 1000, isRetryable: (err) => HiveThriftTransportError.is(err) })
 * ```
 */
export class HiveThriftTransportError extends Error {
  /** The HTTP status of an answer that came (HTTP transport only). */
  readonly status: number | undefined

  constructor(
    message: string,
    options: { readonly cause?: unknown; readonly status?: number | undefined } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'HiveThriftTransportError'
    this.status = options.status
  }

  /** Whether `value` is a {@link HiveThriftTransportError} (by name, so across package copies too). */
  static is(value: unknown): value is HiveThriftTransportError {
    return value instanceof Error && value.name === 'HiveThriftTransportError'
  }
}
