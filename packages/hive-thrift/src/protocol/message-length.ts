import thrift from 'thrift'
import { ThriftDecodeError } from './thrift-decode-error.js'

// Where an unframed TBinaryProtocol message ends. NOSASL clients (hive-driver's NOSASL mode, python's
// TBufferedTransport) send messages back to back with no length prefix, so the only way to cut the
// byte stream into messages is to walk each one's structure: the header, then the body struct with
// every nested value's size. No value is decoded or allocated on the way.

// The wire type bytes, as plain numbers: the walk compares bytes read from the buffer with them.
const { Type } = thrift.Thrift
const STOP: number = Type.STOP
const BOOL: number = Type.BOOL
const BYTE: number = Type.BYTE
const I16: number = Type.I16
const I32: number = Type.I32
const I64: number = Type.I64
const DOUBLE: number = Type.DOUBLE
const STRING: number = Type.STRING
const STRUCT: number = Type.STRUCT
const MAP: number = Type.MAP
const SET: number = Type.SET
const LIST: number = Type.LIST
/** number.UUID (16 bytes): newer than @types/thrift's list. */
const UUID = 16
const VERSION_MASK = 0xffff0000 | 0
const VERSION_1 = 0x80010000 | 0
/** As the runtime's skip: deeper nesting than this is refused rather than recursed into. */
const MAX_DEPTH = 64

/**
 * The message declares (in a string, list or map size) that it ends past the caller's `maxBytes`: known
 * as soon as that size arrives, so a transport refuses it without waiting for, or buffering, the rest.
 */
export class MessageTooLargeError extends ThriftDecodeError {}

/** Thrown inside the walk when the buffer ends before the message does (one instance: no cost per throw). */
class IncompleteMessage extends Error {}
const INCOMPLETE = new IncompleteMessage('incomplete')

/**
 * The byte length of the whole strict-TBinaryProtocol message that starts at `offset`, if all of it is
 * in `buffer`; `undefined` if more bytes are needed. Throws ThriftDecodeError if the bytes cannot be the
 * start of such a message (no version header, an unknown type, a negative size, nesting too deep), and
 * {@link MessageTooLargeError} as soon as its declared sizes make it longer than `maxBytes`.
 *
 * @example
 * ```ts
 * const length = messageLength(received)
 * if (length !== undefined) process(received.subarray(0, length))
 * ```
 */
export function messageLength(
  buffer: Buffer,
  offset = 0,
  maxBytes = Number.MAX_SAFE_INTEGER,
): number | undefined {
  const walker = new Walker(buffer, offset, maxBytes)
  try {
    const version = walker.i32()
    if ((version & VERSION_MASK) !== VERSION_1) {
      throw new ThriftDecodeError(
        `not a strict TBinaryProtocol message: the first 4 bytes are 0x${(version >>> 0).toString(16).padStart(8, '0')}`,
      )
    }
    const messageType = version & 0xff
    if (messageType < 1 || messageType > 4) throw new ThriftDecodeError(`unknown message type ${messageType}`)
    walker.bytes(walker.size('method name'))
    walker.bytes(4) // seqid
    walker.value(STRUCT, 0)
    return walker.position - offset
  } catch (err) {
    if (err === INCOMPLETE) return undefined
    throw err
  }
}

class Walker {
  position: number
  readonly #offset: number
  readonly #end: number

  constructor(
    private readonly buffer: Buffer,
    offset: number,
    private readonly maxBytes: number,
  ) {
    this.position = offset
    this.#offset = offset
    this.#end = offset + maxBytes
  }

  bytes(count: number): void {
    this.#need(count)
    this.position += count
  }

  type(): number {
    this.#need(1)
    return this.buffer.readUInt8(this.position++)
  }

  i32(): number {
    this.#need(4)
    const value = this.buffer.readInt32BE(this.position)
    this.position += 4
    return value
  }

  /** The next `count` bytes are in the buffer: past the limit it is too large, past the buffer's end incomplete. */
  #need(count: number): void {
    if (this.position + count > this.#end) {
      throw new MessageTooLargeError(
        `the message declares at least ${this.position + count - this.#offset} bytes, more than the limit of ${this.maxBytes}`,
      )
    }
    if (this.position + count > this.buffer.length) throw INCOMPLETE
  }

  size(what: string): number {
    const size = this.i32()
    if (size < 0) throw new ThriftDecodeError(`negative ${what} size ${size}`)
    return size
  }

  value(type: number, depth: number): void {
    switch (type) {
      case BOOL:
      case BYTE:
        this.bytes(1)
        return
      case I16:
        this.bytes(2)
        return
      case I32:
        this.bytes(4)
        return
      case I64:
      case DOUBLE:
        this.bytes(8)
        return
      case STRING:
        this.bytes(this.size('string'))
        return
      case UUID:
        this.bytes(16)
        return
      case STRUCT:
        this.nested(depth)
        for (;;) {
          const fieldType = this.type()
          if (fieldType === STOP) return
          this.bytes(2) // field id
          this.value(fieldType, depth + 1)
        }
      case MAP: {
        this.nested(depth)
        const keyType = this.type()
        const valueType = this.type()
        const size = this.size('map')
        for (let i = 0; i < size; i++) {
          this.value(keyType, depth + 1)
          this.value(valueType, depth + 1)
        }
        return
      }
      case LIST:
      case SET: {
        this.nested(depth)
        const elementType = this.type()
        const size = this.size('list')
        this.elements(elementType, size, depth + 1)
        return
      }
      default:
        throw new ThriftDecodeError(`unknown Thrift type ${type}`)
    }
  }

  private elements(type: number, size: number, depth: number): void {
    const width = fixedWidth(type)
    if (width !== undefined) {
      // Fixed-width elements: one step however many there are.
      this.bytes(width * size)
      return
    }
    for (let i = 0; i < size; i++) this.value(type, depth)
  }

  private nested(depth: number): void {
    if (depth >= MAX_DEPTH) throw new ThriftDecodeError(`values nested deeper than ${MAX_DEPTH}`)
  }
}

function fixedWidth(type: number): number | undefined {
  switch (type) {
    case BOOL:
    case BYTE:
      return 1
    case I16:
      return 2
    case I32:
      return 4
    case I64:
    case DOUBLE:
      return 8
    case UUID:
      return 16
    default:
      return undefined
  }
}
