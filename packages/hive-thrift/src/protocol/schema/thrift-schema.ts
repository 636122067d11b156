import thrift, { type Thrift } from 'thrift'

// The declarative description of a Thrift struct that the one generic writer and the one generic
// reader follow: per field its id, name, Thrift type (with element or struct schema) and whether it
// is required. One table per struct, written next to `idl/tcliservice.thrift`, replaces generated
// per-struct code.

const Type = thrift.Thrift.Type

/** A scalar Thrift type. `binary` is a `string` on the wire but a `Buffer` here. */
export interface ScalarSpec {
  readonly kind: 'bool' | 'byte' | 'i16' | 'i32' | 'i64' | 'double' | 'string' | 'binary'
  /** The type byte on the wire. */
  readonly ttype: Thrift.Type
}

export interface ListSpec {
  readonly kind: 'list'
  readonly ttype: Thrift.Type
  readonly element: TypeSpec
}

export interface MapSpec {
  readonly kind: 'map'
  readonly ttype: Thrift.Type
  readonly key: TypeSpec
  readonly value: TypeSpec
}

export interface StructSpec {
  readonly kind: 'struct'
  readonly ttype: Thrift.Type
  readonly schema: StructSchema
}

export type TypeSpec = ScalarSpec | ListSpec | MapSpec | StructSpec

export interface FieldSpec<Name extends string = string> {
  readonly id: number
  readonly name: Name
  readonly type: TypeSpec
  readonly required: boolean
}

export interface StructSchema {
  /** The IDL name, for error messages. */
  readonly name: string
  /** A union: exactly one field is set. */
  readonly union: boolean
  /** In id order: the order the writer puts them on the wire. */
  readonly fields: readonly FieldSpec[]
  /** Fields indexed by id (ids here are small), for the reader. */
  readonly byId: readonly (FieldSpec | undefined)[]
  /** The names of the required fields, checked after reading. */
  readonly requiredNames: readonly string[]
}

export const BOOL: ScalarSpec = { kind: 'bool', ttype: Type.BOOL }
export const BYTE: ScalarSpec = { kind: 'byte', ttype: Type.BYTE }
export const I16: ScalarSpec = { kind: 'i16', ttype: Type.I16 }
export const I32: ScalarSpec = { kind: 'i32', ttype: Type.I32 }
export const I64: ScalarSpec = { kind: 'i64', ttype: Type.I64 }
export const DOUBLE: ScalarSpec = { kind: 'double', ttype: Type.DOUBLE }
export const STRING: ScalarSpec = { kind: 'string', ttype: Type.STRING }
export const BINARY: ScalarSpec = { kind: 'binary', ttype: Type.STRING }
/** Enums travel as i32. */
export const ENUM = I32

export function list(element: TypeSpec): ListSpec {
  return { kind: 'list', ttype: Type.LIST, element }
}

export function map(key: TypeSpec, value: TypeSpec): MapSpec {
  return { kind: 'map', ttype: Type.MAP, key, value }
}

export function required<Name extends string>(id: number, name: Name, type: TypeSpec): FieldSpec<Name> {
  return { id, name, type, required: true }
}

export function optional<Name extends string>(id: number, name: Name, type: TypeSpec): FieldSpec<Name> {
  return { id, name, type, required: false }
}

/**
 * The schema of struct `T`: field names are checked against T's keys.
 *
 * @example
 * ```ts
 * const STATUS = struct<TStatus>('TStatus', [required(1, 'statusCode', ENUM), optional(5, 'errorMessage', STRING)])
 * ```
 */
export function struct<T>(name: string, fields: readonly FieldSpec<keyof T & string>[]): StructSpec {
  return structSpec(name, false, fields)
}

/** The schema of union `T`: every field optional, exactly one set on the wire. */
export function union<T>(name: string, fields: readonly FieldSpec<keyof T & string>[]): StructSpec {
  return structSpec(name, true, fields)
}

function structSpec(name: string, isUnion: boolean, fields: readonly FieldSpec[]): StructSpec {
  const sorted = [...fields].sort((a, b) => a.id - b.id)
  const byId: (FieldSpec | undefined)[] = []
  for (const field of sorted) {
    if (field.id < 0 || field.id > 255 || byId[field.id] !== undefined) {
      throw new Error(`${name}: field id ${field.id} is out of range or used twice`)
    }
    byId[field.id] = field
  }
  const schema: StructSchema = {
    name,
    union: isUnion,
    fields: sorted,
    byId,
    requiredNames: sorted.filter((field) => field.required).map((field) => field.name),
  }
  return { kind: 'struct', ttype: Type.STRUCT, schema }
}
