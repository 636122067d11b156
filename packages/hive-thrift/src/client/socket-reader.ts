/// <reference types="node" preserve="true" />
import type { Socket } from 'node:net'
import { ReceiveBuffer } from './receive-buffer.js'

/**
 * Where the next whole unit (a SASL message, a Thrift frame or message) ends in the bytes received so
 * far: its length once it is all there, `undefined` while more bytes are needed. It throws when the
 * bytes cannot be such a unit or announce one over the size bound.
 */
export type UnitLength = (received: Buffer) => number | undefined

interface Waiter {
  readonly unitLength: UnitLength
  readonly resolve: (unit: Buffer) => void
  readonly reject: (error: unknown) => void
}

/**
 * Reads whole units off a client socket, one `read` at a time (a Thrift client waits for each answer
 * before it asks again). Once the socket fails or closes every read rejects, with the socket's error
 * or "the server closed the connection".
 *
 * @example
 * ```ts
 * const reader = new SocketReader(socket)
 * const frame = await reader.read((bytes) => (bytes.length < 4 ? undefined : 4 + bytes.readInt32BE(0)))
 * ```
 */
export class SocketReader {
  private readonly queue = new ReceiveBuffer()
  private waiter: Waiter | undefined
  private failure: Error | undefined

  constructor(socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.queue.push(chunk)
      this.settle()
    })
    socket.on('error', (error) => {
      this.fail(error)
    })
    socket.on('close', () => {
      this.fail(new Error('the server closed the connection'))
    })
  }

  /** Bytes received after the last unit read: a server that sent more than it was asked for. */
  get pendingBytes(): number {
    return this.queue.length
  }

  /** Whether the socket has failed or closed: no unit will come any more. */
  get failed(): boolean {
    return this.failure !== undefined
  }

  /** The next unit, as a buffer of its own. */
  read(unitLength: UnitLength): Promise<Buffer> {
    if (this.waiter !== undefined)
      return Promise.reject(new Error('a read is already waiting on this socket'))
    return new Promise<Buffer>((resolve, reject) => {
      this.waiter = { unitLength, resolve, reject }
      this.settle()
    })
  }

  private settle(): void {
    const waiter = this.waiter
    if (waiter === undefined) return
    let length: number | undefined
    try {
      length = waiter.unitLength(this.queue.peek())
    } catch (error) {
      this.waiter = undefined
      waiter.reject(error)
      return
    }
    if (length !== undefined && length <= this.queue.length) {
      this.waiter = undefined
      waiter.resolve(this.queue.take(length))
    } else if (this.failure !== undefined) {
      this.waiter = undefined
      waiter.reject(this.failure)
    }
  }

  private fail(error: Error): void {
    this.failure ??= error
    this.settle()
  }
}
