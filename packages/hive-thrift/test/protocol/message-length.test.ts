import { describe, expect, it } from 'vitest'
import {
  MessageTooLargeError,
  TApplicationExceptionType,
  ThriftDecodeError,
  encodeApplicationException,
  encodeCall,
  encodeReply,
  encodeStatusReply,
  messageLength,
} from '../../src/protocol/index.js'
import { EXCHANGES, SERVED_METHODS } from './helpers/fixtures.js'

// messageLength cuts an unframed byte stream into messages: the whole length once all is there,
// undefined before, an error when the bytes cannot be a strict TBinaryProtocol message.

const messages: Buffer[] = SERVED_METHODS.flatMap((method) => [
  encodeCall(method, 1, EXCHANGES[method].request as never),
  ...EXCHANGES[method].responses.map((response) => encodeReply(method, 1, response as never)),
])
messages.push(encodeStatusReply('GetPrimaryKeys', 3, { statusCode: 3 }))
messages.push(
  encodeApplicationException('Nope', 4, TApplicationExceptionType.UNKNOWN_METHOD, 'Invalid method name'),
)

/** A strict message header: version | type, the name, the seqid. */
function header(type: number, name: string, seqid = 1): Buffer {
  const nameBytes = Buffer.from(name)
  const bytes = Buffer.alloc(12 + nameBytes.length)
  bytes.writeUInt32BE((0x80010000 | type) >>> 0, 0)
  bytes.writeInt32BE(nameBytes.length, 4)
  nameBytes.copy(bytes, 8)
  bytes.writeInt32BE(seqid, 8 + nameBytes.length)
  return bytes
}

describe('messageLength', () => {
  it('is the whole length of every complete message, and undefined for every shorter prefix', () => {
    for (const message of messages) {
      expect(messageLength(message)).toBe(message.length)
      for (let length = 0; length < message.length; length++) {
        expect(messageLength(message.subarray(0, length))).toBeUndefined()
      }
    }
  })

  it('finds each of several messages sent back to back, from an offset', () => {
    const stream = Buffer.concat([messages[0], messages[1], messages[2]] as Buffer[])
    const first = messageLength(stream)
    expect(first).toBe(messages[0]?.length)
    const second = messageLength(stream, first)
    expect(second).toBe(messages[1]?.length)
    expect(messageLength(stream, (first ?? 0) + (second ?? 0))).toBe(messages[2]?.length)
    expect(messageLength(stream, stream.length)).toBeUndefined()
  })

  it('waits for more bytes when a list claims more elements than have come (and does not walk them)', () => {
    // A FetchResults reply whose i64 list says 2^31 - 1 elements: 16 GiB that are not there yet.
    const body = Buffer.from([0x0f, 0x00, 0x01, 0x0a, 0x7f, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 1])
    expect(messageLength(Buffer.concat([header(2, 'FetchResults'), body]))).toBeUndefined()
    const structs = Buffer.from([0x0f, 0x00, 0x01, 0x0c, 0x7f, 0xff, 0xff, 0xff, 0x00, 0x00])
    expect(messageLength(Buffer.concat([header(2, 'FetchResults'), structs]))).toBeUndefined()
  })

  it('refuses a message whose declared sizes pass maxBytes as soon as they arrive, and not one that fits', () => {
    // The same 16 GiB i64 list: with a limit it is refused on its size alone.
    const body = Buffer.from([0x0f, 0x00, 0x01, 0x0a, 0x7f, 0xff, 0xff, 0xff])
    const partial = Buffer.concat([header(2, 'FetchResults'), body])
    expect(() => messageLength(partial, 0, 1024)).toThrow(MessageTooLargeError)
    expect(() => messageLength(partial, 0, 1024)).toThrow(/more than the limit of 1024/)
    // A method name longer than the limit, declared in the header: refused before its bytes come.
    const longName = header(1, 'x'.repeat(10)).subarray(0, 8)
    longName.writeInt32BE(1 << 30, 4)
    expect(() => messageLength(longName, 0, 1 << 20)).toThrow(MessageTooLargeError)
    // A whole message of exactly maxBytes is measured, one byte less of limit is refused.
    for (const message of messages.slice(0, 5)) {
      expect(messageLength(message, 0, message.length)).toBe(message.length)
      expect(() => messageLength(message, 0, message.length - 1)).toThrow(MessageTooLargeError)
    }
  })

  it.each([
    [
      'an unversioned (old, non-strict) message',
      Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from('OpenSession')]),
    ],
    ['a SASL START frame', Buffer.from([0x01, 0, 0, 0, 5, 0x50, 0x4c, 0x41, 0x49, 0x4e])],
    ['an HTTP request', Buffer.from('POST /cliservice HTTP/1.1\r\n')],
    ['a wrong protocol version', Buffer.from([0x80, 0x02, 0x00, 0x01, 0, 0, 0, 0])],
    ['an unknown message type', Buffer.from([0x80, 0x01, 0x00, 0x07, 0, 0, 0, 0])],
    ['a negative name length', Buffer.from([0x80, 0x01, 0x00, 0x01, 0xff, 0xff, 0xff, 0xfe])],
    ['an unknown field type', Buffer.concat([header(1, 'OpenSession'), Buffer.from([0x09, 0x00, 0x01])])],
    [
      'a negative string size',
      Buffer.concat([header(1, 'X'), Buffer.from([0x0b, 0x00, 0x01, 0xff, 0xff, 0xff, 0xff])]),
    ],
    [
      'a negative list size',
      Buffer.concat([header(1, 'X'), Buffer.from([0x0f, 0x00, 0x01, 0x08, 0x80, 0, 0, 0])]),
    ],
    [
      'structs nested 100 deep',
      Buffer.concat([header(1, 'X'), Buffer.alloc(300, Buffer.from([0x0c, 0x00, 0x01]))]),
    ],
  ])('throws a ThriftDecodeError on %s', (_what, bytes) => {
    expect(() => messageLength(bytes)).toThrow(ThriftDecodeError)
  })
})
