import type { Logger } from '@batchgate/core'
import type { ThriftAuthenticate } from '../thrift-authenticate.js'
import type { ThriftPeer } from '../thrift-message-processor.js'
import type { ThriftTransportError } from '../thrift-transport-error.js'
import { transportErrorLogger } from '../transport-error-logger.js'

/**
 * Options of {@link thriftBinaryServer}. Every limit has a safe default; the timeouts are in
 * milliseconds.
 *
 * @example
 * ```ts
 * const options: ThriftBinaryServerOptions = {
 *   authenticate: thriftPasswordAuth({ verify }),
 *   maxMessageBytes: 4 * 1024 * 1024,
 *   onError: (error, peer) => log.warn(`${peer.id}: ${error.code} ${error.message}`),
 * }
 * ```
 */
export interface ThriftBinaryServerOptions {
  /**
   * Who a connection acts as: called with the SASL PLAIN credentials, or with `undefined` for a NOSASL
   * connection (refusing it closes the connection without a reply: NOSASL has no way to say why).
   */
  readonly authenticate: ThriftAuthenticate
  /**
   * The largest Thrift message (a declared frame, or an unframed NOSASL message) a client may send; a
   * larger one closes that connection at once, before its bytes are buffered. Default 16 MiB.
   */
  readonly maxMessageBytes?: number | undefined
  /** Connections above this many are closed as soon as they are accepted. Default 1000. */
  readonly maxConnections?: number | undefined
  /**
   * The time from accepting a connection to the end of its SASL exchange (or, NOSASL, to its first
   * byte). Default 10 s.
   */
  readonly handshakeTimeoutMs?: number | undefined
  /** Once a message's first byte arrived, the time its other bytes have to arrive. Default 30 s. */
  readonly messageTimeoutMs?: number | undefined
  /**
   * The time a connection may sit with no message after its last reply. Default 1 hour (JDBC clients
   * keep connections open and idle in pools).
   */
  readonly idleTimeoutMs?: number | undefined
  /**
   * Write backpressure: when more reply bytes than this wait in the socket's buffer, the connection
   * reads no further message until the client has read them. Default 1 MiB.
   */
  readonly maxPendingWriteBytes?: number | undefined
  /** How long the client may leave more than `maxPendingWriteBytes` unread: then the connection is destroyed. Default 30 s. */
  readonly writeTimeoutMs?: number | undefined
  /**
   * Told why a connection was closed or refused (for the host's log; the message holds no password). Default: logged
   * to `logger` (see `logger`).
   */
  readonly onError?: ((error: ThriftTransportError, peer: ThriftPeer) => void) | undefined
  /**
   * Where the default `onError` logs (pino's shape), bound to `front: 'hive-thrift'`, with
   * `remoteAddress`, `transport` and `code`: `warn` a framing error, a breached limit or a timeout,
   * `debug` an authentication failure (a scanner must not flood the log), a client that went away or
   * idled out, and a message that does not decode (the service logs that one at warn), `error` a
   * processor that failed. Default `quietConsoleLogger()`: warn and error to `console.error`.
   */
  readonly logger?: Logger | undefined
}

/** {@link ThriftBinaryServerOptions} with every default applied and every limit checked. */
export interface BinaryServerSettings {
  readonly authenticate: ThriftAuthenticate
  readonly maxMessageBytes: number
  readonly maxConnections: number
  readonly handshakeTimeoutMs: number
  readonly messageTimeoutMs: number
  readonly idleTimeoutMs: number
  readonly maxPendingWriteBytes: number
  readonly writeTimeoutMs: number
  readonly onError: (error: ThriftTransportError, peer: ThriftPeer) => void
}

/** The defaults of {@link ThriftBinaryServerOptions}. */
export const BINARY_SERVER_DEFAULTS = {
  maxMessageBytes: 16 * 1024 * 1024,
  maxConnections: 1000,
  handshakeTimeoutMs: 10_000,
  messageTimeoutMs: 30_000,
  idleTimeoutMs: 60 * 60 * 1000,
  maxPendingWriteBytes: 1024 * 1024,
  writeTimeoutMs: 30_000,
} as const

/** setTimeout's largest delay: a longer one fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * Applies the defaults and checks the limits (positive integers; timeouts within setTimeout's range).
 *
 * @example
 * ```ts
 * const settings = binaryServerSettings({ authenticate: thriftNoAuth() }) // maxConnections: 1000, …
 * ```
 */
export function binaryServerSettings(options: ThriftBinaryServerOptions): BinaryServerSettings {
  if (typeof options.authenticate !== 'function') {
    throw new TypeError(
      'thriftBinaryServer needs an authenticate function (thriftPasswordAuth, thriftNoAuth, or your own)',
    )
  }
  const limit = (name: keyof typeof BINARY_SERVER_DEFAULTS, max = Number.MAX_SAFE_INTEGER): number => {
    const value = options[name] ?? BINARY_SERVER_DEFAULTS[name]
    if (!Number.isInteger(value) || value <= 0 || value > max) {
      throw new RangeError(`thriftBinaryServer: ${name} must be an integer from 1 to ${max}, got ${value}`)
    }
    return value
  }
  return {
    authenticate: options.authenticate,
    maxMessageBytes: limit('maxMessageBytes', 2 ** 31 - 1),
    maxConnections: limit('maxConnections'),
    handshakeTimeoutMs: limit('handshakeTimeoutMs', MAX_TIMER_MS),
    messageTimeoutMs: limit('messageTimeoutMs', MAX_TIMER_MS),
    idleTimeoutMs: limit('idleTimeoutMs', MAX_TIMER_MS),
    maxPendingWriteBytes: limit('maxPendingWriteBytes'),
    writeTimeoutMs: limit('writeTimeoutMs', MAX_TIMER_MS),
    onError: options.onError ?? transportErrorLogger(options.logger),
  }
}
