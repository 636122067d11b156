import type {
  TBoolValue,
  TByteValue,
  TColumn,
  TColumnValue,
  TDoubleValue,
  TI16Value,
  TI32Value,
  TI64Column,
  TI64Value,
  TRow,
  TRowSet,
  TStringValue,
} from '../tcliservice-types.js'
import {
  BINARY,
  BOOL,
  BYTE,
  DOUBLE,
  I16,
  I32,
  I64,
  STRING,
  list,
  optional,
  required,
  struct,
  union,
  type ScalarSpec,
  type StructSpec,
} from './thrift-schema.js'

// A page of results (FetchResults): row-based (TRow of TColumnValue, protocol V1..V5) or columnar
// (TColumn of value lists plus a nulls bitmap, V6+). The hot path of the codec.

export const COLUMN_VALUE = union<TColumnValue>('TColumnValue', [
  optional(1, 'boolVal', struct<TBoolValue>('TBoolValue', [optional(1, 'value', BOOL)])),
  optional(2, 'byteVal', struct<TByteValue>('TByteValue', [optional(1, 'value', BYTE)])),
  optional(3, 'i16Val', struct<TI16Value>('TI16Value', [optional(1, 'value', I16)])),
  optional(4, 'i32Val', struct<TI32Value>('TI32Value', [optional(1, 'value', I32)])),
  optional(5, 'i64Val', struct<TI64Value>('TI64Value', [optional(1, 'value', I64)])),
  optional(6, 'doubleVal', struct<TDoubleValue>('TDoubleValue', [optional(1, 'value', DOUBLE)])),
  optional(7, 'stringVal', struct<TStringValue>('TStringValue', [optional(1, 'value', STRING)])),
])

export const ROW = struct<TRow>('TRow', [required(1, 'colVals', list(COLUMN_VALUE))])

/** Every typed column is the same pair: the values and a bitmap of which of them are NULL. */
function typedColumn(name: string, element: ScalarSpec): StructSpec {
  return struct<TI64Column>(name, [required(1, 'values', list(element)), required(2, 'nulls', BINARY)])
}

export const COLUMN = union<TColumn>('TColumn', [
  optional(1, 'boolVal', typedColumn('TBoolColumn', BOOL)),
  optional(2, 'byteVal', typedColumn('TByteColumn', BYTE)),
  optional(3, 'i16Val', typedColumn('TI16Column', I16)),
  optional(4, 'i32Val', typedColumn('TI32Column', I32)),
  optional(5, 'i64Val', typedColumn('TI64Column', I64)),
  optional(6, 'doubleVal', typedColumn('TDoubleColumn', DOUBLE)),
  optional(7, 'stringVal', typedColumn('TStringColumn', STRING)),
  optional(8, 'binaryVal', typedColumn('TBinaryColumn', BINARY)),
])

export const ROW_SET = struct<TRowSet>('TRowSet', [
  required(1, 'startRowOffset', I64),
  required(2, 'rows', list(ROW)),
  optional(3, 'columns', list(COLUMN)),
  optional(4, 'binaryColumns', BINARY),
  optional(5, 'columnCount', I32),
])
