import { once } from 'node:events'
import { connect, type Socket } from 'node:net'
import { messageLength } from '@batchgate/hive-thrift'

/**
 * How messages travel on a connection, as HiveServer2's binary port offers them: `sasl` is the SASL
 * PLAIN exchange (START with the mechanism, OK with `\0user\0password`, COMPLETE back), then every
 * message in a 4-byte big-endian length frame; `nosasl` is bare strict TBinaryProtocol messages, one
 * after the other, as hive-driver's NOSASL mode sends them.
 */
export type ThriftFraming = 'sasl' | 'nosasl'

/** The user every benchmark connection names in its SASL PLAIN exchange. */
export const BENCH_USER = 'bench'

const SASL_START = 0x01
const SASL_OK = 0x02
const SASL_COMPLETE = 0x05
/** A reply larger than this is a broken server, not a benchmark figure. */
const MAX_REPLY_BYTES = 64 * 1024 * 1024

/**
 * One client TCP connection of the benchmarks, one call in flight at a time: `call` writes a whole
 * Thrift message (framed as the connection's framing wants) and resolves with the whole reply message.
 * Both servers of a figure are read through this same loop, so the client's share of each round trip is
 * the same on both sides.
 *
 * @example
 * ```ts
 * const connection = await ThriftBenchConnection.open(port, 'sasl')
 * const reply = await connection.call(encodeCall('FetchResults', 1, request))
 * connection.close()
 * ```
 */
export class ThriftBenchConnection {
  readonly #socket: Socket
  readonly #framing: ThriftFraming
  #pending: Buffer = Buffer.alloc(0)
  #waiting: { resolve: (reply: Buffer) => void; reject: (error: Error) => void } | undefined
  #failure: Error | undefined

  private constructor(socket: Socket, framing: ThriftFraming) {
    this.#socket = socket
    this.#framing = framing
    socket.setNoDelay(true)
    socket.on('data', (chunk: Buffer) => {
      this.#pending = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk])
      this.#deliver()
    })
    const fail = (error: Error): void => {
      this.#failure ??= error
      this.#waiting?.reject(error)
      this.#waiting = undefined
    }
    socket.on('error', fail)
    socket.on('close', () => {
      fail(new Error('the server closed the connection'))
    })
  }

  /** Connects to `127.0.0.1:port` and, for `sasl`, runs the PLAIN exchange as {@link BENCH_USER}. */
  static async open(port: number, framing: ThriftFraming): Promise<ThriftBenchConnection> {
    const socket = connect({ host: '127.0.0.1', port })
    await once(socket, 'connect')
    if (framing === 'sasl') await saslPlain(socket, BENCH_USER, 'bench-password')
    return new ThriftBenchConnection(socket, framing)
  }

  /** Sends one message and resolves with the reply message (without its frame header). */
  call(message: Buffer): Promise<Buffer> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure)
    if (this.#waiting !== undefined) throw new Error('one call at a time on a benchmark connection')
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject }
      this.#socket.cork()
      if (this.#framing === 'sasl') {
        const header = Buffer.allocUnsafe(4)
        header.writeUInt32BE(message.length, 0)
        this.#socket.write(header)
      }
      this.#socket.write(message)
      this.#socket.uncork()
    })
  }

  close(): void {
    this.#socket.destroy()
  }

  #deliver(): void {
    const waiting = this.#waiting
    if (waiting === undefined) return
    let start = 0
    let length: number | undefined
    if (this.#framing === 'sasl') {
      if (this.#pending.length < 4) return
      start = 4
      const declared = this.#pending.readUInt32BE(0)
      length = this.#pending.length - 4 >= declared ? declared : undefined
      if (declared > MAX_REPLY_BYTES) {
        waiting.reject(new Error(`a reply frame of ${declared} bytes`))
        return
      }
    } else {
      length = messageLength(this.#pending)
    }
    if (length === undefined) return
    const reply = this.#pending.subarray(start, start + length)
    this.#pending = this.#pending.subarray(start + length)
    this.#waiting = undefined
    waiting.resolve(reply)
  }
}

/** The client side of SASL PLAIN as HiveServer2 speaks it; rejects unless the server says COMPLETE. */
async function saslPlain(socket: Socket, user: string, password: string): Promise<void> {
  const frame = (status: number, body: Buffer): Buffer => {
    const header = Buffer.allocUnsafe(5)
    header.writeUInt8(status, 0)
    header.writeUInt32BE(body.length, 1)
    return Buffer.concat([header, body])
  }
  socket.write(frame(SASL_START, Buffer.from('PLAIN')))
  socket.write(frame(SASL_OK, Buffer.from(`\0${user}\0${password}`)))
  let received = Buffer.alloc(0)
  for (;;) {
    const [chunk] = (await once(socket, 'data')) as [Buffer]
    received = Buffer.concat([received, chunk])
    if (received.length >= 5 && received.length >= 5 + received.readUInt32BE(1)) break
  }
  if (received[0] !== SASL_COMPLETE) {
    throw new Error(`SASL PLAIN refused (status ${received[0]}): ${received.subarray(5).toString('utf8')}`)
  }
  if (received.length > 5 + received.readUInt32BE(1)) throw new Error('data after SASL COMPLETE')
}
