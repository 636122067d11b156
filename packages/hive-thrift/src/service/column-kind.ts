import { HiveType } from '@batchgate/core'

/**
 * The Thrift column (`TColumn` / `TColumnValue` field) each Hive type travels as, as HiveServer2 sends
 * them: BOOLEAN `boolVal`, TINYINT `byteVal`, SMALLINT `i16Val`, INT `i32Val`, BIGINT `i64Val`, FLOAT
 * and DOUBLE `doubleVal`, BINARY `binaryVal`; everything else (STRING, VARCHAR, CHAR, DECIMAL, DATE,
 * TIMESTAMP, intervals, ARRAY/MAP/STRUCT, NULL) `stringVal`, as its string form.
 */
export const ColumnKind = {
  BOOL: 0,
  BYTE: 1,
  I16: 2,
  I32: 3,
  I64: 4,
  DOUBLE: 5,
  STRING: 6,
  BINARY: 7,
} as const

/** One of the {@link ColumnKind} values. */
export type ColumnKind = (typeof ColumnKind)[keyof typeof ColumnKind]

const KIND_OF: Partial<Record<HiveType, ColumnKind>> = {
  [HiveType.BOOLEAN]: ColumnKind.BOOL,
  [HiveType.TINYINT]: ColumnKind.BYTE,
  [HiveType.SMALLINT]: ColumnKind.I16,
  [HiveType.INT]: ColumnKind.I32,
  [HiveType.BIGINT]: ColumnKind.I64,
  [HiveType.FLOAT]: ColumnKind.DOUBLE,
  [HiveType.DOUBLE]: ColumnKind.DOUBLE,
  [HiveType.BINARY]: ColumnKind.BINARY,
}

/**
 * The {@link ColumnKind} a column of `type` travels as.
 *
 * @example
 * ```ts
 * columnKindOf(HiveType.DECIMAL) // ColumnKind.STRING
 * ```
 */
export function columnKindOf(type: HiveType): ColumnKind {
  return KIND_OF[type] ?? ColumnKind.STRING
}
