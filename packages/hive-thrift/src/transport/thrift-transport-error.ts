/**
 * The stable codes of {@link ThriftTransportError}: why the transport ended a connection or refused a
 * request.
 */
export const ThriftTransportErrorCode = {
  /** The first byte was neither SASL's START (0x01) nor a strict TBinaryProtocol message (0x80). */
  UNKNOWN_TRANSPORT: 'THRIFT_UNKNOWN_TRANSPORT',
  /** A SASL exchange out of order, an unsupported mechanism, a malformed PLAIN response. */
  SASL_NEGOTIATION_FAILED: 'THRIFT_SASL_NEGOTIATION_FAILED',
  /** The host's `authenticate` refused the credentials (or their absence). */
  AUTHENTICATION_FAILED: 'THRIFT_AUTHENTICATION_FAILED',
  /** A declared frame, SASL payload or unframed message is larger than the limit. */
  MESSAGE_TOO_LARGE: 'THRIFT_MESSAGE_TOO_LARGE',
  /** The bytes cannot be a Thrift message (NOSASL framing). */
  MALFORMED_MESSAGE: 'THRIFT_MALFORMED_MESSAGE',
  /** The SASL exchange did not complete in time. */
  HANDSHAKE_TIMEOUT: 'THRIFT_HANDSHAKE_TIMEOUT',
  /** A message started but its rest did not arrive in time. */
  MESSAGE_TIMEOUT: 'THRIFT_MESSAGE_TIMEOUT',
  /** No message for longer than the idle limit. */
  IDLE_TIMEOUT: 'THRIFT_IDLE_TIMEOUT',
  /** The client did not read its replies: the socket's write buffer stayed full too long. */
  WRITE_TIMEOUT: 'THRIFT_WRITE_TIMEOUT',
  /** More connections than `maxConnections`. */
  TOO_MANY_CONNECTIONS: 'THRIFT_TOO_MANY_CONNECTIONS',
  /** The processor rejected: the transport cannot tell what state the exchange is in, so it closes. */
  PROCESSOR_FAILED: 'THRIFT_PROCESSOR_FAILED',
  /** The connection ended before a whole message (or the SASL exchange) arrived. */
  TRUNCATED: 'THRIFT_TRUNCATED',
  /** The socket failed (reset by the client, …). */
  SOCKET_ERROR: 'THRIFT_SOCKET_ERROR',
} as const

/** One of {@link ThriftTransportErrorCode}'s values. */
export type ThriftTransportErrorCode =
  (typeof ThriftTransportErrorCode)[keyof typeof ThriftTransportErrorCode]

/**
 * Why a Thrift transport closed a connection or refused a request, handed to the host's `onError`
 * (for its log). Its message never holds a password.
 *
 * @example
 * ```ts
 * const server = thriftBinaryServer(processor, {
 *   authenticate,
 *   onError: (error, peer) => log.warn({ code: error.code, peer: peer.id }, error.message),
 * })
 * ```
 */
export class ThriftTransportError extends Error {
  override readonly name = 'ThriftTransportError'
  readonly code: ThriftTransportErrorCode

  constructor(code: ThriftTransportErrorCode, message: string, options?: { readonly cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
  }
}
