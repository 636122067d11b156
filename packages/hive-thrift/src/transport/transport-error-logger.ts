import { boundLogger, type Logger } from '@batchgate/core'
import { ThriftDecodeError } from '../protocol/thrift-decode-error.js'
import type { ThriftPeer } from './thrift-message-processor.js'
import { ThriftTransportErrorCode, type ThriftTransportError } from './thrift-transport-error.js'

/**
 * Codes logged at debug, not warn. Authentication failures: a scanner or a misconfigured client repeats
 * them at the rate it likes, which must not flood an operator's log. A connection the client itself
 * ended or left idle (idle timeout, truncated, reset): routine for pooled JDBC connections.
 */
const DEBUG_CODES: ReadonlySet<string> = new Set<string>([
  ThriftTransportErrorCode.AUTHENTICATION_FAILED,
  ThriftTransportErrorCode.IDLE_TIMEOUT,
  ThriftTransportErrorCode.TRUNCATED,
  ThriftTransportErrorCode.SOCKET_ERROR,
])

/**
 * A transport's default `onError`: logs why it closed a connection or refused a request, with
 * `remoteAddress`, `transport` and `code` (the error's message is the transport's own text: never a
 * password or the message's bytes). A framing error, a breached limit, a timeout of a message or a
 * handshake are `warn`; the codes above `debug`; a processor that failed with a bug `error` (with `err`).
 * A message that does not decode (a `ThriftDecodeError` cause) is `debug` here: `tcliService` already
 * logs it at warn.
 *
 * @example
 * ```ts
 * const onError = options.onError ?? transportErrorLogger(options.logger)
 * ```
 */
export function transportErrorLogger(
  given: Logger | undefined,
): (error: ThriftTransportError, peer: ThriftPeer) => void {
  const { logger, debugEnabled } = boundLogger(given, { front: 'hive-thrift' })
  return (error, peer) => {
    const fields = { remoteAddress: peer.remoteAddress, transport: peer.transport, code: error.code }
    const message = `hive-thrift: ${error.message}`
    if (DEBUG_CODES.has(error.code) || ThriftDecodeError.is(error.cause)) {
      if (debugEnabled()) logger.debug?.(fields, message)
    } else if (error.code === ThriftTransportErrorCode.PROCESSOR_FAILED) {
      logger.error({ ...fields, err: error.cause }, message)
    } else {
      logger.warn(fields, message)
    }
  }
}
