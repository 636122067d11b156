import thrift, { type TProtocol, type Thrift } from 'thrift'
import { bigintOfInt64 } from './i64.js'
import { PathFailure } from './path-failure.js'
import type { ListSpec, MapSpec, ScalarSpec, StructSchema, TypeSpec } from './schema/thrift-schema.js'

// The one generic reader: reads a struct along its schema with the runtime's TBinaryProtocol.
// Unknown fields (a newer peer's) and fields of an unexpected type are skipped, as Thrift's generated
// code does; a required field still missing at the end is an error naming it. Lists of scalars are
// read straight from the transport's buffer (the runtime's borrow/consume), one bounds check per list.
//
// Every size on the wire is checked against the bytes left before anything is allocated for it, so a
// forged length cannot make the reader allocate more than the message's own size.

const Type = thrift.Thrift.Type

/** The part of the runtime's TFramedTransport the reader uses for lists of scalars. */
interface BorrowableTransport {
  borrow(): { buf: Buffer; readIndex: number; writeIndex: number }
  consume(bytes: number): void
}

/** The fewest bytes one element of each wire type takes: bounds a list's claimed size. */
const MIN_BYTES: Readonly<Record<number, number>> = {
  [Type.BOOL]: 1,
  [Type.BYTE]: 1,
  [Type.I16]: 2,
  [Type.I32]: 4,
  [Type.I64]: 8,
  [Type.DOUBLE]: 8,
  [Type.STRING]: 4,
  [Type.STRUCT]: 1,
  [Type.MAP]: 6,
  [Type.SET]: 5,
  [Type.LIST]: 5,
}

/** Reads the struct `schema` (up to its STOP) into a plain object keyed by field name. */
export function readStruct(input: TProtocol, schema: StructSchema): Record<string, unknown> {
  const result: Record<string, unknown> = {}
  let set = 0
  input.readStructBegin()
  for (;;) {
    const header = input.readFieldBegin()
    const ftype = header.ftype
    if (ftype === Type.STOP) break
    const field = schema.byId[header.fid]
    if (field?.type.ttype !== ftype) {
      input.skip(ftype)
    } else {
      if (result[field.name] === undefined) set++
      try {
        result[field.name] = readValue(input, field.type)
      } catch (err) {
        throw PathFailure.wrap(err, field.name)
      }
    }
    input.readFieldEnd()
  }
  input.readStructEnd()
  for (const name of schema.requiredNames) {
    if (result[name] === undefined)
      throw new PathFailure(`required field of ${schema.name} is missing`, [name])
  }
  if (schema.union && set !== 1) {
    throw new PathFailure(`a ${schema.name} (union) needs exactly one known field set, got ${set}`)
  }
  return result
}

function readValue(input: TProtocol, type: TypeSpec): unknown {
  if (type.kind === 'struct') return readStruct(input, type.schema)
  if (type.kind === 'list') return readList(input, type)
  if (type.kind === 'map') return readMap(input, type)
  return readScalar(input, type)
}

function readScalar(input: TProtocol, type: ScalarSpec): unknown {
  switch (type.kind) {
    case 'bool':
      return input.readBool()
    case 'byte':
      return input.readByte()
    case 'i16':
      return input.readI16()
    case 'i32':
      return input.readI32()
    case 'i64':
      return bigintOfInt64(input.readI64())
    case 'double':
      return input.readDouble()
    case 'string':
      return input.readString()
    case 'binary':
      // The runtime returns a view on the whole message: copy, so a kept handle does not pin it.
      return Buffer.from(input.readBinary())
  }
}

function readList(input: TProtocol, type: ListSpec): unknown[] {
  const header = input.readListBegin()
  const size = header.size
  const element = type.element
  checkSize(input, size, header.etype, element, 'list')
  if (element.kind === 'struct' || element.kind === 'list' || element.kind === 'map') {
    const values: unknown[] = new Array<unknown>(size)
    let i = 0
    try {
      for (; i < size; i++) values[i] = readValue(input, element)
    } catch (err) {
      throw PathFailure.wrap(err, `[${i}]`)
    }
    input.readListEnd()
    return values
  }
  const values = readScalars(input.getTransport() as unknown as BorrowableTransport, element, size)
  input.readListEnd()
  return values
}

function readMap(input: TProtocol, type: MapSpec): Record<string, unknown> {
  const header = input.readMapBegin()
  const size = header.size
  checkSize(input, size, header.ktype, type.key, 'map key')
  if (size > 0 && header.vtype !== type.value.ttype) {
    throw new PathFailure(`map values of wire type ${header.vtype} where ${type.value.ttype} is expected`)
  }
  // No prototype: a key such as "__proto__" is just a key.
  const result = Object.create(null) as Record<string, unknown>
  for (let i = 0; i < size; i++) {
    const key = String(readValue(input, type.key))
    try {
      result[key] = readValue(input, type.value)
    } catch (err) {
      throw PathFailure.wrap(err, `[${JSON.stringify(key)}]`)
    }
  }
  input.readMapEnd()
  return result
}

/** A claimed size must be non-negative, of the expected element type, and fit in the bytes left. */
function checkSize(
  input: TProtocol,
  size: number,
  wireType: Thrift.Type,
  element: TypeSpec,
  what: string,
): void {
  if (size < 0) throw new PathFailure(`negative ${what} size ${size}`)
  if (size === 0) return
  if (wireType !== element.ttype) {
    throw new PathFailure(`${what} elements of wire type ${wireType} where ${element.ttype} is expected`)
  }
  const { readIndex, writeIndex } = (input.getTransport() as unknown as BorrowableTransport).borrow()
  const minBytes = MIN_BYTES[wireType] ?? 1
  if (size > (writeIndex - readIndex) / minBytes) {
    throw new PathFailure(
      `a ${what} of ${size} elements does not fit in the ${writeIndex - readIndex} bytes left`,
    )
  }
}

/** Reads `size` scalars straight from the transport's buffer (size already checked to fit). */
function readScalars(transport: BorrowableTransport, type: ScalarSpec, size: number): unknown[] {
  const { buf, readIndex: start, writeIndex: end } = transport.borrow()
  let at = start
  switch (type.kind) {
    case 'bool': {
      const values = new Array<boolean>(size)
      for (let i = 0; i < size; i++) values[i] = buf[at++] !== 0
      transport.consume(at - start)
      return values
    }
    case 'byte': {
      const values = new Array<number>(size)
      for (let i = 0; i < size; i++, at++) values[i] = buf.readInt8(at)
      transport.consume(at - start)
      return values
    }
    case 'i16': {
      const values = new Array<number>(size)
      for (let i = 0; i < size; i++, at += 2) values[i] = buf.readInt16BE(at)
      transport.consume(at - start)
      return values
    }
    case 'i32': {
      const values = new Array<number>(size)
      for (let i = 0; i < size; i++, at += 4) values[i] = buf.readInt32BE(at)
      transport.consume(at - start)
      return values
    }
    case 'i64': {
      const values = new Array<bigint>(size)
      for (let i = 0; i < size; i++, at += 8) values[i] = buf.readBigInt64BE(at)
      transport.consume(at - start)
      return values
    }
    case 'double': {
      const values = new Array<number>(size)
      for (let i = 0; i < size; i++, at += 8) values[i] = buf.readDoubleBE(at)
      transport.consume(at - start)
      return values
    }
    case 'string':
    case 'binary': {
      const binary = type.kind === 'binary'
      const values = new Array<string | Buffer>(size)
      for (let i = 0; i < size; i++) {
        if (at + 4 > end) throw new PathFailure('the message ends before the value does', [`[${i}]`])
        const length = buf.readInt32BE(at)
        at += 4
        if (length < 0 || at + length > end) {
          throw new PathFailure(`a length of ${length} does not fit in the ${end - at} bytes left`, [
            `[${i}]`,
          ])
        }
        values[i] = binary
          ? Buffer.from(buf.subarray(at, at + length))
          : buf.toString('utf8', at, at + length)
        at += length
      }
      transport.consume(at - start)
      return values
    }
  }
}
