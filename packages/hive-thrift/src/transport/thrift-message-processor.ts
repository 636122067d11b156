/**
 * Who sent a Thrift message: one TCP connection of the binary transport, or one HTTP request of the
 * HTTP transport. A processor keys its per-connection state (open sessions) on {@link ThriftPeer.id} and
 * cleans up when {@link ThriftPeer.closed} resolves.
 *
 * @example
 * ```ts
 * void peer.closed.then(() => sessionsOf(peer.id).closeAfterGrace())
 * ```
 */
export interface ThriftPeer {
  /** Unique per TCP connection, or per HTTP request. */
  readonly id: string
  readonly transport: 'binary' | 'http'
  readonly remoteAddress: string | undefined
  /**
   * The authenticated user (SASL PLAIN, HTTP Basic), or `undefined` without authentication (NOSASL, or
   * an auth that lets anyone in without naming a user): then OpenSession's `username` counts.
   */
  readonly user: string | undefined
  /** Resolves when the connection is gone (TCP closed; HTTP: the response ended). Never rejects. */
  readonly closed: Promise<void>
}

/**
 * The service side of a Thrift transport: one whole Thrift message in, the reply message out.
 *
 * @example
 * ```ts
 * const echo: ThriftMessageProcessor = { process: async (message) => message }
 * const server = thriftBinaryServer(echo, { authenticate: thriftNoAuth() })
 * ```
 */
export interface ThriftMessageProcessor {
  /**
   * One whole Thrift message in, the reply message out (`undefined`: no reply, e.g. oneway). Never
   * rejects for a protocol-level problem: it encodes the error reply itself; a rejection means the
   * transport closes that connection (binary) or answers 500 (HTTP).
   */
  process(message: Buffer, peer: ThriftPeer): Promise<Buffer | undefined>
}

export type {
  ThriftAuthenticate,
  ThriftAuthenticationPeer,
  ThriftCredentials,
} from './thrift-authenticate.js'
export { ThriftAuthenticationError } from './thrift-authenticate.js'
