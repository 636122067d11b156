// A raw TCP client for the Thrift binary port, for bytes no well-behaved client sends: garbage, truncated
// frames, a SASL exchange with the wrong mechanism, a huge declared frame.
import { connect, type Socket } from 'node:net'

/** HiveServer2's SASL status bytes (TSaslTransport's NegotiationStatus). */
export const SaslStatus = { START: 1, OK: 2, BAD: 3, ERROR: 4, COMPLETE: 5 } as const

/** A SASL negotiation message: status byte, 4-byte big-endian length, payload. */
export function saslMessage(status: number, payload: Buffer | string = Buffer.alloc(0)): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload
  const header = Buffer.alloc(5)
  header.writeUInt8(status, 0)
  header.writeUInt32BE(body.length, 1)
  return Buffer.concat([header, body])
}

/** The PLAIN response: authzid NUL user NUL password. */
export function plainResponse(user: string, password: string): Buffer {
  return Buffer.from(`\0${user}\0${password}`, 'utf8')
}

/** A raw connection: what the server sent so far, and when it closed. */
export interface RawConnection {
  readonly socket: Socket
  /** Every byte received so far. */
  received(): Buffer
  /** Resolves with every byte received once the server has closed the connection. */
  readonly closed: Promise<Buffer>
  /** Resolves once at least `bytes` bytes arrived (rejects if the connection closes before). */
  receivedAtLeast(bytes: number): Promise<Buffer>
  /** Resolves once the bytes received satisfy `check` (rejects if the connection closes before). */
  receivedUntil(check: (data: Buffer) => boolean): Promise<Buffer>
}

/**
 * Opens a raw TCP connection to `host:port`.
 *
 * @example
 * ```ts
 * const raw = await rawConnect('127.0.0.1', port)
 * raw.socket.write('GET / HTTP/1.1\r\n\r\n')
 * expect((await raw.closed).length).toBe(0)
 * ```
 */
export async function rawConnect(host: string, port: number): Promise<RawConnection> {
  const socket = connect({ host, port })
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve)
    socket.once('error', reject)
  })
  let data = Buffer.alloc(0)
  const waiters = new Set<() => void>()
  socket.on('data', (chunk: Buffer) => {
    data = Buffer.concat([data, chunk])
    for (const wake of waiters) wake()
  })
  // A reset by the server is one way of closing: the test looks at what arrived before it.
  socket.on('error', () => undefined)
  const closed = new Promise<Buffer>((resolve) => {
    socket.once('close', () => {
      for (const wake of waiters) wake()
      resolve(data)
    })
  })
  const receivedUntil = (holds: (bytes: Buffer) => boolean): Promise<Buffer> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (holds(data)) {
          waiters.delete(check)
          resolve(data)
        } else if (socket.destroyed) {
          waiters.delete(check)
          reject(new Error(`the connection closed after ${data.length} bytes: ${data.toString('latin1')}`))
        }
      }
      waiters.add(check)
      check()
    })
  return {
    socket,
    received: () => data,
    closed,
    receivedUntil,
    receivedAtLeast: (bytes) => receivedUntil((received) => received.length >= bytes),
  }
}

/**
 * Completes a SASL PLAIN exchange on `raw` (START PLAIN, OK with the response) and resolves once the
 * server answered COMPLETE; rejects with the server's status and reason otherwise.
 */
export async function plainHandshake(raw: RawConnection, user: string, password: string): Promise<void> {
  raw.socket.write(
    Buffer.concat([
      saslMessage(SaslStatus.START, 'PLAIN'),
      saslMessage(SaslStatus.OK, plainResponse(user, password)),
    ]),
  )
  const answer = await raw.receivedAtLeast(5)
  if (answer[0] !== SaslStatus.COMPLETE) {
    throw new Error(`SASL status ${answer[0]}: ${answer.subarray(5).toString('utf8')}`)
  }
}

/** A strict TBinaryProtocol CALL of `method` with seqid 1 and an empty args struct (just its STOP). */
export function emptyCall(method: string): Buffer {
  const name = Buffer.from(method, 'utf8')
  const message = Buffer.alloc(4 + 4 + name.length + 4 + 1)
  message.writeUInt32BE(0x80010001, 0)
  message.writeUInt32BE(name.length, 4)
  name.copy(message, 8)
  message.writeInt32BE(1, 8 + name.length)
  message.writeUInt8(0, 12 + name.length)
  return message
}
