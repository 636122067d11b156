import thrift, { type TProtocol } from 'thrift'
import { PathFailure } from './path-failure.js'
import { setI64 } from './i64.js'
import type { MapSpec, ScalarSpec, StructSchema, TypeSpec } from './schema/thrift-schema.js'
import { packUtf8List } from './utf8-list.js'

// The one generic writer: walks a value along its schema and writes it with the runtime's
// TBinaryProtocol. Field headers, struct ends and scalar fields go through the protocol's own calls.
// Lists of scalars (the values of a result column: thousands per page) are the exception: their
// elements are packed into one buffer handed to the transport as a single write, the same bytes the
// protocol would write with one call (and one small Buffer) per element.
//
// A value that does not fit throws PathFailure, whose path is built while the stack unwinds (no
// path strings are made on the way down); the caller turns it into a ThriftEncodeError.

const { Int64 } = thrift

/** Writes `value` as the struct `schema` (its set fields in id order, then STOP). */
export function writeStruct(out: TProtocol, schema: StructSchema, value: unknown): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PathFailure(`expected a ${schema.name} object, got ${describe(value)}`)
  }
  const record = value as Record<string, unknown>
  out.writeStructBegin(schema.name)
  let set = 0
  for (const field of schema.fields) {
    const fieldValue = record[field.name]
    if (fieldValue === undefined || fieldValue === null) {
      if (field.required) throw new PathFailure(`required field of ${schema.name} is missing`, [field.name])
      continue
    }
    set++
    out.writeFieldBegin(field.name, field.type.ttype, field.id)
    try {
      writeValue(out, field.type, fieldValue)
    } catch (err) {
      throw PathFailure.at(err, field.name)
    }
    out.writeFieldEnd()
  }
  if (schema.union && set !== 1) {
    throw new PathFailure(`a ${schema.name} (union) needs exactly one field set, got ${set}`)
  }
  out.writeFieldStop()
  out.writeStructEnd()
}

function writeValue(out: TProtocol, type: TypeSpec, value: unknown): void {
  if (type.kind === 'struct') {
    writeStruct(out, type.schema, value)
  } else if (type.kind === 'list') {
    writeList(out, type.element, value)
  } else if (type.kind === 'map') {
    writeMap(out, type, value)
  } else {
    writeScalar(out, type, value)
  }
}

function writeMap(out: TProtocol, type: MapSpec, value: unknown): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PathFailure(`expected an object (a map), got ${describe(value)}`)
  }
  const entries = Object.entries(value)
  out.writeMapBegin(type.key.ttype, type.value.ttype, entries.length)
  for (const [key, entryValue] of entries) {
    try {
      writeValue(out, type.key, key)
      writeValue(out, type.value, entryValue)
    } catch (err) {
      throw PathFailure.at(err, `[${JSON.stringify(key)}]`)
    }
  }
  out.writeMapEnd()
}

function writeList(out: TProtocol, element: TypeSpec, value: unknown): void {
  if (!Array.isArray(value)) throw new PathFailure(`expected an array, got ${describe(value)}`)
  const values = value as readonly unknown[]
  out.writeListBegin(element.ttype, values.length)
  if (element.kind === 'struct' || element.kind === 'list' || element.kind === 'map') {
    let i = 0
    try {
      for (; i < values.length; i++) writeValue(out, element, values[i])
    } catch (err) {
      throw PathFailure.at(err, `[${i}]`)
    }
  } else {
    out.getTransport().write(packScalars(element, values))
  }
  out.writeListEnd()
}

function writeScalar(out: TProtocol, type: ScalarSpec, value: unknown): void {
  switch (type.kind) {
    case 'bool':
      out.writeBool(expectBoolean(value))
      return
    case 'byte':
      out.writeByte(expectInteger(value, -0x80, 0x7f))
      return
    case 'i16':
      out.writeI16(expectInteger(value, -0x8000, 0x7fff))
      return
    case 'i32':
      out.writeI32(expectInteger(value, -0x80000000, 0x7fffffff))
      return
    case 'i64': {
      const bytes = Buffer.allocUnsafe(8)
      setI64(viewOf(bytes), 0, value)
      out.writeI64(new Int64(bytes))
      return
    }
    case 'double':
      out.writeDouble(expectNumber(value))
      return
    case 'string':
      out.writeString(expectString(value))
      return
    case 'binary':
      out.writeBinary(expectBuffer(value))
      return
  }
}

/** The list elements as the bytes TBinaryProtocol writes for them one by one (big-endian, fixed width). */
function packScalars(type: ScalarSpec, values: readonly unknown[]): Buffer {
  const n = values.length
  let i = 0
  try {
    switch (type.kind) {
      case 'bool': {
        const bytes = Buffer.allocUnsafe(n)
        for (; i < n; i++) bytes[i] = expectBoolean(values[i]) ? 1 : 0
        return bytes
      }
      case 'byte': {
        const bytes = Buffer.allocUnsafe(n)
        const view = viewOf(bytes)
        for (; i < n; i++) view.setInt8(i, expectInteger(values[i], -0x80, 0x7f))
        return bytes
      }
      case 'i16': {
        const bytes = Buffer.allocUnsafe(2 * n)
        const view = viewOf(bytes)
        for (; i < n; i++) view.setInt16(2 * i, expectInteger(values[i], -0x8000, 0x7fff))
        return bytes
      }
      case 'i32': {
        const bytes = Buffer.allocUnsafe(4 * n)
        const view = viewOf(bytes)
        for (; i < n; i++) view.setInt32(4 * i, expectInteger(values[i], -0x80000000, 0x7fffffff))
        return bytes
      }
      case 'i64': {
        const bytes = Buffer.allocUnsafe(8 * n)
        const view = viewOf(bytes)
        for (; i < n; i++) setI64(view, 8 * i, values[i])
        return bytes
      }
      case 'double': {
        const bytes = Buffer.allocUnsafe(8 * n)
        const view = viewOf(bytes)
        for (; i < n; i++) view.setFloat64(8 * i, expectNumber(values[i]))
        return bytes
      }
      case 'string': {
        for (; i < n; i++) expectString(values[i])
        return packUtf8List(values as readonly string[])
      }
      case 'binary': {
        let size = 4 * n
        for (; i < n; i++) size += expectBuffer(values[i]).length
        const bytes = Buffer.allocUnsafe(size)
        let offset = 0
        for (let j = 0; j < n; j++) {
          const value = values[j] as Buffer
          bytes.writeInt32BE(value.length, offset)
          bytes.set(value, offset + 4)
          offset += 4 + value.length
        }
        return bytes
      }
    }
  } catch (err) {
    throw PathFailure.at(err, `[${i}]`)
  }
}

function viewOf(bytes: Buffer): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

function expectBoolean(value: unknown): boolean {
  if (typeof value !== 'boolean') throw new PathFailure(`expected a boolean, got ${describe(value)}`)
  return value
}

function expectNumber(value: unknown): number {
  if (typeof value !== 'number') throw new PathFailure(`expected a number, got ${describe(value)}`)
  return value
}

function expectInteger(value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new PathFailure(`expected an integer in [${min}, ${max}], got ${describe(value)}`)
  }
  return value
}

function expectString(value: unknown): string {
  if (typeof value !== 'string') throw new PathFailure(`expected a string, got ${describe(value)}`)
  return value
}

function expectBuffer(value: unknown): Buffer {
  if (!Buffer.isBuffer(value)) throw new PathFailure(`expected a Buffer, got ${describe(value)}`)
  return value
}

function describe(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value)
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value
}
