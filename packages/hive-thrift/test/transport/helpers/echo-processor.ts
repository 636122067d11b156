import type { ThriftMessageProcessor, ThriftPeer } from '../../../src/index.js'

/** A message the echo processor saw, with the peer it came from. */
export interface SeenMessage {
  readonly method: string
  readonly seqid: number
  readonly peer: ThriftPeer
}

/** Options of {@link echoProcessor}. */
export interface EchoProcessorOptions {
  /** Milliseconds to wait before replying to a call of this method (to test ordering). */
  readonly delays?: Readonly<Record<string, number>>
  /** Calls of this method reject (a processor failure). */
  readonly rejectMethod?: string
  /** Calls of this method get a reply this many bytes long (to fill a client's socket). */
  readonly bigReply?: { readonly method: string; readonly bytes: number }
}

/**
 * A real processor for transport tests that decodes only a message's header: it replies with the same
 * message as a REPLY (message type 2 in the version word), so a test sees which call a reply answers.
 */
export function echoProcessor(options: EchoProcessorOptions = {}): ThriftMessageProcessor & {
  readonly seen: SeenMessage[]
} {
  const seen: SeenMessage[] = []
  return {
    seen,
    async process(message: Buffer, peer: ThriftPeer): Promise<Buffer> {
      const { method, seqid } = readHeader(message)
      seen.push({ method, seqid, peer })
      const delay = options.delays?.[method]
      if (delay !== undefined) await new Promise((resolve) => setTimeout(resolve, delay))
      if (method === options.rejectMethod) throw new Error(`the processor refuses ${method}`)
      if (method === options.bigReply?.method) {
        const reply = Buffer.alloc(options.bigReply.bytes)
        message.copy(reply, 0, 0, Math.min(message.length, reply.length))
        reply[3] = 2
        return reply
      }
      const reply = Buffer.from(message)
      reply[3] = 2
      return reply
    },
  }
}

/** The name and seqid of a strict TBinaryProtocol message. */
export function readHeader(message: Buffer): { type: number; method: string; seqid: number } {
  const nameLength = message.readInt32BE(4)
  return {
    type: message.readUInt8(3),
    method: message.toString('utf8', 8, 8 + nameLength),
    seqid: message.readInt32BE(8 + nameLength),
  }
}

/**
 * A strict TBinaryProtocol CALL whose args struct holds one string field (id 1), `text`: a message
 * any Thrift runtime can skip through.
 */
export function thriftCall(method: string, seqid: number, text = ''): Buffer {
  const name = Buffer.from(method, 'utf8')
  const value = Buffer.from(text, 'utf8')
  const message = Buffer.alloc(4 + 4 + name.length + 4 + 1 + 2 + 4 + value.length + 1)
  let at = message.writeUInt32BE(0x80010001, 0)
  at = message.writeInt32BE(name.length, at)
  at += name.copy(message, at)
  at = message.writeInt32BE(seqid, at)
  at = message.writeUInt8(11, at)
  at = message.writeInt16BE(1, at)
  at = message.writeInt32BE(value.length, at)
  at += value.copy(message, at)
  message.writeUInt8(0, at)
  return message
}

/** A 4-byte big-endian length and the message (`TFramedTransport`). */
export function framed(message: Buffer): Buffer {
  const header = Buffer.alloc(4)
  header.writeUInt32BE(message.length, 0)
  return Buffer.concat([header, message])
}

/** A SASL negotiation message: status, 4-byte length, payload. */
export function sasl(status: number, payload: string | Buffer = ''): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload
  const header = Buffer.alloc(5)
  header.writeUInt8(status, 0)
  header.writeUInt32BE(body.length, 1)
  return Buffer.concat([header, body])
}

export const SASL = { START: 1, OK: 2, BAD: 3, ERROR: 4, COMPLETE: 5 } as const
