import type {
  TArrayTypeEntry,
  TColumnDesc,
  TMapTypeEntry,
  TPrimitiveTypeEntry,
  TStructTypeEntry,
  TTableSchema,
  TTypeDesc,
  TTypeEntry,
  TTypeQualifiers,
  TTypeQualifierValue,
  TUnionTypeEntry,
  TUserDefinedTypeEntry,
} from '../tcliservice-types.js'
import { ENUM, I32, STRING, list, map, optional, required, struct, union } from './thrift-schema.js'

// A result's column names and types (GetResultSetMetadata). Nested types point at each other by
// index in TTypeDesc.types because Thrift has no recursive types.

export const TYPE_QUALIFIER_VALUE = union<TTypeQualifierValue>('TTypeQualifierValue', [
  optional(1, 'i32Value', I32),
  optional(2, 'stringValue', STRING),
])

export const TYPE_QUALIFIERS = struct<TTypeQualifiers>('TTypeQualifiers', [
  required(1, 'qualifiers', map(STRING, TYPE_QUALIFIER_VALUE)),
])

export const PRIMITIVE_TYPE_ENTRY = struct<TPrimitiveTypeEntry>('TPrimitiveTypeEntry', [
  required(1, 'type', ENUM),
  optional(2, 'typeQualifiers', TYPE_QUALIFIERS),
])

export const ARRAY_TYPE_ENTRY = struct<TArrayTypeEntry>('TArrayTypeEntry', [
  required(1, 'objectTypePtr', I32),
])

export const MAP_TYPE_ENTRY = struct<TMapTypeEntry>('TMapTypeEntry', [
  required(1, 'keyTypePtr', I32),
  required(2, 'valueTypePtr', I32),
])

export const STRUCT_TYPE_ENTRY = struct<TStructTypeEntry>('TStructTypeEntry', [
  required(1, 'nameToTypePtr', map(STRING, I32)),
])

export const UNION_TYPE_ENTRY = struct<TUnionTypeEntry>('TUnionTypeEntry', [
  required(1, 'nameToTypePtr', map(STRING, I32)),
])

export const USER_DEFINED_TYPE_ENTRY = struct<TUserDefinedTypeEntry>('TUserDefinedTypeEntry', [
  required(1, 'typeClassName', STRING),
])

export const TYPE_ENTRY = union<TTypeEntry>('TTypeEntry', [
  optional(1, 'primitiveEntry', PRIMITIVE_TYPE_ENTRY),
  optional(2, 'arrayEntry', ARRAY_TYPE_ENTRY),
  optional(3, 'mapEntry', MAP_TYPE_ENTRY),
  optional(4, 'structEntry', STRUCT_TYPE_ENTRY),
  optional(5, 'unionEntry', UNION_TYPE_ENTRY),
  optional(6, 'userDefinedTypeEntry', USER_DEFINED_TYPE_ENTRY),
])

export const TYPE_DESC = struct<TTypeDesc>('TTypeDesc', [required(1, 'types', list(TYPE_ENTRY))])

export const COLUMN_DESC = struct<TColumnDesc>('TColumnDesc', [
  required(1, 'columnName', STRING),
  required(2, 'typeDesc', TYPE_DESC),
  required(3, 'position', I32),
  optional(4, 'comment', STRING),
])

export const TABLE_SCHEMA = struct<TTableSchema>('TTableSchema', [required(1, 'columns', list(COLUMN_DESC))])
