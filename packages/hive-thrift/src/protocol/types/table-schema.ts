import type { EnumValue } from './encodable.js'

// A result's column names and types (GetResultSetMetadata).

/** Hive's column type ids (TTypeDesc). */
export const TTypeId = {
  BOOLEAN_TYPE: 0,
  TINYINT_TYPE: 1,
  SMALLINT_TYPE: 2,
  INT_TYPE: 3,
  BIGINT_TYPE: 4,
  FLOAT_TYPE: 5,
  DOUBLE_TYPE: 6,
  STRING_TYPE: 7,
  TIMESTAMP_TYPE: 8,
  BINARY_TYPE: 9,
  ARRAY_TYPE: 10,
  MAP_TYPE: 11,
  STRUCT_TYPE: 12,
  UNION_TYPE: 13,
  USER_DEFINED_TYPE: 14,
  DECIMAL_TYPE: 15,
  NULL_TYPE: 16,
  DATE_TYPE: 17,
  VARCHAR_TYPE: 18,
  CHAR_TYPE: 19,
  INTERVAL_YEAR_MONTH_TYPE: 20,
  INTERVAL_DAY_TIME_TYPE: 21,
  /** Hive's IDL calls it TIMESTAMPTZ_TYPE, hive-driver's copy TIMESTAMPLOCALTZ_TYPE: the same 22. */
  TIMESTAMPLOCALTZ_TYPE: 22,
} as const
export type TTypeId = EnumValue<typeof TTypeId>

/** A type qualifier (union: exactly one field set), e.g. a VARCHAR's characterMaximumLength. */
export interface TTypeQualifierValue {
  i32Value?: number | undefined
  stringValue?: string | undefined
}

export interface TTypeQualifiers {
  qualifiers: Record<string, TTypeQualifierValue>
}

export interface TPrimitiveTypeEntry {
  type: TTypeId
  typeQualifiers?: TTypeQualifiers | undefined
}

/** Entries of a TTypeDesc point at each other by index ("TTypeEntryPtr", an i32). */
export interface TArrayTypeEntry {
  objectTypePtr: number
}

export interface TMapTypeEntry {
  keyTypePtr: number
  valueTypePtr: number
}

export interface TStructTypeEntry {
  nameToTypePtr: Record<string, number>
}

export interface TUnionTypeEntry {
  nameToTypePtr: Record<string, number>
}

export interface TUserDefinedTypeEntry {
  typeClassName: string
}

/** One entry of a type descriptor (union: exactly one field set). */
export interface TTypeEntry {
  primitiveEntry?: TPrimitiveTypeEntry | undefined
  arrayEntry?: TArrayTypeEntry | undefined
  mapEntry?: TMapTypeEntry | undefined
  structEntry?: TStructTypeEntry | undefined
  unionEntry?: TUnionTypeEntry | undefined
  userDefinedTypeEntry?: TUserDefinedTypeEntry | undefined
}

/** A column's type: the top type first, nested types after it. */
export interface TTypeDesc {
  types: TTypeEntry[]
}

export interface TColumnDesc {
  columnName: string
  typeDesc: TTypeDesc
  /** 1-based ordinal of the column. */
  position: number
  comment?: string | undefined
}

export interface TTableSchema {
  columns: TColumnDesc[]
}
