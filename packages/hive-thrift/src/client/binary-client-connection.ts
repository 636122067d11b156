/// <reference types="node" preserve="true" />
import { once } from 'node:events'
import { connect, type Socket } from 'node:net'
import { BatchgateError, ErrorCode } from '@batchgate/core'
import { messageLength } from '../protocol/index.js'
import type { ClientSettings } from './hive-thrift-fetcher-options.js'
import { tooLarge } from './too-large.js'
import { saslPlainHandshake } from './sasl-plain-client.js'
import { SocketReader, type UnitLength } from './socket-reader.js'
import type { ThriftClientConnection } from './thrift-client-connection.js'

interface OpenSocket {
  readonly socket: Socket
  readonly reader: SocketReader
}

/**
 * Thrift over one TCP connection at a time: with credentials, SASL PLAIN then 4-byte framed messages
 * (HiveServer2's binary port); without, NOSASL — unframed messages, the reply's end found by walking its
 * structure. The connection is opened by the first call and kept; a call that fails for any reason
 * (broken, timed out, aborted, refused, an answer out of line) closes it, so the next call opens a new
 * one and never reads a stale reply. Calls are queued one after another.
 *
 * @example
 * ```ts
 * const connection = new BinaryClientConnection(settings)
 * const reply = await connection.call(message, AbortSignal.timeout(5000))
 * connection.close()
 * ```
 */
export class BinaryClientConnection implements ThriftClientConnection {
  private open: OpenSocket | undefined
  private queue: Promise<unknown> = Promise.resolve()

  constructor(private readonly settings: ClientSettings) {}

  call(message: Buffer, signal: AbortSignal): Promise<Buffer> {
    const result = this.queue.then(() => this.exchange(message, signal))
    this.queue = result.catch(() => undefined)
    return result
  }

  close(): void {
    this.drop()
  }

  private async exchange(message: Buffer, signal: AbortSignal): Promise<Buffer> {
    const onAbort = (): void => {
      this.drop()
    }
    signal.addEventListener('abort', onAbort)
    try {
      signal.throwIfAborted()
      // A connection the server closed while idle (its own timeout, a restart) is not worth a failed call.
      if (this.open?.reader.failed === true) this.drop()
      const { socket, reader } = this.open ?? (await this.connect(signal))
      const framed = this.settings.credentials !== undefined
      socket.write(framed ? frame(message) : message)
      const reply = await reader.read(framed ? this.frameLength : this.messageLength)
      // Bytes after the reply would be taken for the next call's answer: start that one afresh.
      if (reader.pendingBytes > 0) this.drop()
      return framed ? reply.subarray(4) : reply
    } catch (error) {
      this.drop()
      throw error
    } finally {
      signal.removeEventListener('abort', onAbort)
    }
  }

  private async connect(signal: AbortSignal): Promise<OpenSocket> {
    const { host, port, credentials } = this.settings
    const socket = connect({ host, port, noDelay: true })
    const reader = new SocketReader(socket)
    const opened = { socket, reader }
    this.open = opened
    await once(socket, 'connect', { signal })
    if (credentials !== undefined) await saslPlainHandshake(socket, reader, credentials)
    return opened
  }

  private drop(): void {
    this.open?.socket.destroy()
    this.open = undefined
  }

  private readonly frameLength: UnitLength = (received) => {
    if (received.length < 4) return undefined
    const length = received.readInt32BE(0)
    if (length < 0) {
      throw new BatchgateError(
        ErrorCode.SOURCE_FAILED,
        `the server sent a frame of negative length ${length}`,
      )
    }
    if (length > this.settings.maxResponseBytes)
      throw tooLarge(this.settings.maxResponseBytes, `a frame of ${length} bytes`)
    return 4 + length
  }

  private readonly messageLength: UnitLength = (received) => {
    let length: number | undefined
    try {
      length = messageLength(received)
    } catch (error) {
      throw new BatchgateError(
        ErrorCode.SOURCE_FAILED,
        'the server answered with bytes that are no Thrift message: is it a HiveServer2 binary port, and does it use NOSASL (not SASL)?',
        { cause: error },
      )
    }
    const max = this.settings.maxResponseBytes
    if ((length ?? received.length) > max) throw tooLarge(max, `more than ${max} bytes`)
    return length
  }
}

function frame(message: Buffer): Buffer {
  const header = Buffer.alloc(4)
  header.writeInt32BE(message.length, 0)
  return Buffer.concat([header, message])
}
