/// <reference types="node" preserve="true" />
import type { Server } from 'node:net'
import { messageLength } from '../../protocol/index.js'
import type { ThriftMessageProcessor } from '../thrift-message-processor.js'
import { BinaryServer } from './binary-server.js'
import { binaryServerSettings, type ThriftBinaryServerOptions } from './thrift-binary-server-options.js'

/**
 * HiveServer2's binary transport (`hive.server2.transport.mode=binary`) as a `net.Server`: the host calls
 * `listen` (bind `127.0.0.1` unless clients elsewhere must reach it) and `close`. One port serves both
 * of HiveServer2's authentications, told apart by a connection's first byte:
 * - `0x01`, SASL START: Thrift's `TSaslServerTransport` exchange with the PLAIN mechanism (START with
 *   the mechanism name, then OK or COMPLETE with `authzid NUL user NUL password`); the credentials go to
 *   `authenticate`; accepted → COMPLETE, refused → BAD (or ERROR when the check itself failed) with the
 *   reason, and the connection closes. Then every message and reply is framed: a 4-byte big-endian
 *   length and the TBinaryProtocol message (`TFramedTransport`).
 * - `0x80`, a strict TBinaryProtocol message: NOSASL (hive-driver's `NoSaslAuthentication`, Hive's
 *   `authentication=NOSASL`), unframed messages back to back (`TBufferedTransport`); `authenticate` is
 *   called with `undefined` and a refusal closes the connection without a reply (NOSASL has no way to
 *   say why).
 * - anything else: the connection is closed.
 *
 * Messages of a connection are processed one at a time, in order (a pipelining client gets its replies
 * in order). Limits ({@link ThriftBinaryServerOptions}): message size, connection count, handshake,
 * message, idle and write timeouts; a breach, a malformed message or a processor rejection closes that
 * connection only, and `onError` is told why. `server.close()` also ends the open connections at once.
 *
 * @example
 * ```ts
 * const server = thriftBinaryServer(tcliService(engine), {
 *   authenticate: thriftPasswordAuth({ verify: (user, password) => users.get(user) === password }),
 * })
 * server.listen(10009, '127.0.0.1')
 * ```
 */
export function thriftBinaryServer(
  processor: ThriftMessageProcessor,
  options: ThriftBinaryServerOptions,
): Server {
  return new BinaryServer(processor, binaryServerSettings(options), messageLength)
}
