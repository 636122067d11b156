import { connect, type Socket } from 'node:net'

/**
 * A plain TCP client for transport tests: writes bytes, reads exact byte counts, and tells when the
 * server closed the connection.
 */
export class RawClient {
  readonly socket: Socket
  readonly #chunks: Buffer[] = []
  #length = 0
  #ended = false
  #waiter: (() => void) | undefined
  readonly closed: Promise<void>

  private constructor(socket: Socket) {
    this.socket = socket
    socket.on('data', (chunk: Buffer) => {
      this.#chunks.push(chunk)
      this.#length += chunk.length
      this.#waiter?.()
    })
    socket.on('error', () => undefined)
    this.closed = new Promise((resolve) => {
      socket.once('close', () => {
        this.#ended = true
        this.#waiter?.()
        resolve()
      })
    })
  }

  static async connect(port: number): Promise<RawClient> {
    const socket = connect(port, '127.0.0.1')
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve)
      socket.once('error', reject)
    })
    return new RawClient(socket)
  }

  write(bytes: Buffer): void {
    this.socket.write(bytes)
  }

  /** Exactly `count` bytes; rejects if the connection closes first. */
  async read(count: number): Promise<Buffer> {
    while (this.#length < count) {
      if (this.#ended) throw new Error(`the connection closed after ${this.#length} of ${count} bytes`)
      await new Promise<void>((resolve) => {
        this.#waiter = resolve
      })
      this.#waiter = undefined
    }
    const all = Buffer.concat(this.#chunks)
    this.#chunks.length = 0
    if (all.length > count) this.#chunks.push(all.subarray(count))
    this.#length = all.length - count
    return all.subarray(0, count)
  }

  /** A SASL message: status and payload. */
  async readSasl(): Promise<{ status: number; payload: string }> {
    const header = await this.read(5)
    const payload = await this.read(header.readUInt32BE(1))
    return { status: header.readUInt8(0), payload: payload.toString('utf8') }
  }

  /** A framed message's payload. */
  async readFrame(): Promise<Buffer> {
    const header = await this.read(4)
    return this.read(header.readUInt32BE(0))
  }

  /** All bytes received before the server closed the connection. */
  async readUntilClosed(): Promise<Buffer> {
    await this.closed
    const all = Buffer.concat(this.#chunks)
    this.#chunks.length = 0
    this.#length = 0
    return all
  }

  destroy(): void {
    this.socket.destroy()
  }
}
