/**
 * A statement's failure as the executor reports it: a message for the client and, optionally, the
 * SQLSTATE the wire fronts pass on (Thrift's `TStatus.sqlState`, Kyuubi's operation event).
 *
 * @example
 * ```ts
 * throw new StatementError('table not found: sales', { sqlState: '42S02', cause: err })
 * ```
 */
export class StatementError extends Error {
  override readonly name = 'StatementError'
  /** Five characters, e.g. `42000`; `undefined` when the executor gave none. */
  readonly sqlState: string | undefined

  constructor(
    message: string,
    options: { readonly sqlState?: string | undefined; readonly cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.sqlState = options.sqlState
  }
}
