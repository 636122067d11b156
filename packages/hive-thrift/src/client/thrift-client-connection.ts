/**
 * How `hiveThriftFetcher` sends one whole Thrift message and gets the server's reply message back, over
 * whatever carries it (a TCP connection, an HTTP request). One call at a time. A call that fails or whose
 * `signal` aborts leaves no connection behind that could deliver its late reply to the next call.
 *
 * @example
 * ```ts
 * const reply = await connection.call(encodeCall('FetchResults', 1, request), signal)
 * ```
 */
export interface ThriftClientConnection {
  /** Sends `message`, resolves with the reply message (without any framing). */
  call(message: Buffer, signal: AbortSignal): Promise<Buffer>
  /** Closes any open connection; a later `call` would open a new one. */
  close(): void
}
