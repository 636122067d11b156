/// <reference types="node" preserve="true" />
import { Server, type Socket } from 'node:net'
import { connectionPeer } from '../connection-peer.js'
import type { ThriftMessageProcessor } from '../thrift-message-processor.js'
import { ThriftTransportError, ThriftTransportErrorCode } from '../thrift-transport-error.js'
import { BinaryConnection, type MessageLength } from './binary-connection.js'
import type { BinaryServerSettings } from './thrift-binary-server-options.js'

/**
 * The `net.Server` of {@link thriftBinaryServer}: accepts connections up to the limit and, unlike a
 * plain `net.Server`, ends its open connections when closed (a Thrift client keeps its connection open
 * for as long as it likes, so waiting for them would never end).
 *
 * @example
 * ```ts
 * const server = new BinaryServer(processor, settings, messageLength)
 * server.listen(10009, '127.0.0.1')
 * ```
 */
export class BinaryServer extends Server {
  readonly #connections = new Set<BinaryConnection>()
  readonly #processor: ThriftMessageProcessor
  readonly #settings: BinaryServerSettings
  readonly #messageLength: MessageLength

  constructor(
    processor: ThriftMessageProcessor,
    settings: BinaryServerSettings,
    messageLength: MessageLength,
  ) {
    super()
    this.#processor = processor
    this.#settings = settings
    this.#messageLength = messageLength
    this.on('connection', (socket: Socket) => {
      this.#accept(socket)
    })
  }

  /**
   * Stops accepting connections and destroys the open ones at once (a request being processed gets no
   * reply: its client sees the connection close); `callback` runs when the server has closed.
   */
  override close(callback?: (error?: Error) => void): this {
    super.close(callback)
    for (const connection of this.#connections) connection.destroy()
    return this
  }

  #accept(socket: Socket): void {
    if (this.#connections.size >= this.#settings.maxConnections) {
      const peer = connectionPeer('binary', socket.remoteAddress)
      socket.once('close', () => {
        peer.markClosed()
      })
      socket.destroy()
      try {
        this.#settings.onError(
          new ThriftTransportError(
            ThriftTransportErrorCode.TOO_MANY_CONNECTIONS,
            `a connection was refused: ${this.#settings.maxConnections} connections are open`,
          ),
          peer,
        )
      } catch {
        // The host's log hook failed: refusing the connection must not depend on it.
      }
      return
    }
    const connection = new BinaryConnection(socket, this.#processor, this.#settings, this.#messageLength)
    this.#connections.add(connection)
    socket.once('close', () => {
      this.#connections.delete(connection)
    })
  }
}
