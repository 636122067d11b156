// A page of results (FetchResults): row-based or columnar.

// Row-based result values (protocol V1..V5): an unset `value` is SQL NULL.
export interface TBoolValue {
  value?: boolean | undefined
}
export interface TByteValue {
  value?: number | undefined
}
export interface TI16Value {
  value?: number | undefined
}
export interface TI32Value {
  value?: number | undefined
}
export interface TI64Value {
  value?: bigint | undefined
}
export interface TDoubleValue {
  value?: number | undefined
}
export interface TStringValue {
  value?: string | undefined
}

/** One value of a row (union: exactly one field set). */
export interface TColumnValue {
  boolVal?: TBoolValue | undefined
  byteVal?: TByteValue | undefined
  i16Val?: TI16Value | undefined
  i32Val?: TI32Value | undefined
  i64Val?: TI64Value | undefined
  doubleVal?: TDoubleValue | undefined
  stringVal?: TStringValue | undefined
}

export interface TRow {
  colVals: TColumnValue[]
}

// Columnar result values (protocol V6+): `nulls` is a bitmap, bit i (LSB first in byte i >> 3) set
// when row i is NULL; the value at a NULL position is a placeholder.
export interface TBoolColumn {
  values: boolean[]
  nulls: Buffer
}
export interface TByteColumn {
  values: number[]
  nulls: Buffer
}
export interface TI16Column {
  values: number[]
  nulls: Buffer
}
export interface TI32Column {
  values: number[]
  nulls: Buffer
}
export interface TI64Column {
  values: bigint[]
  nulls: Buffer
}
export interface TDoubleColumn {
  values: number[]
  nulls: Buffer
}
export interface TStringColumn {
  values: string[]
  nulls: Buffer
}
export interface TBinaryColumn {
  values: Buffer[]
  nulls: Buffer
}

/** One column of a columnar row set (union: exactly one field set). */
export interface TColumn {
  boolVal?: TBoolColumn | undefined
  byteVal?: TByteColumn | undefined
  i16Val?: TI16Column | undefined
  i32Val?: TI32Column | undefined
  i64Val?: TI64Column | undefined
  doubleVal?: TDoubleColumn | undefined
  stringVal?: TStringColumn | undefined
  binaryVal?: TBinaryColumn | undefined
}

/** A page of results: `rows` for V1..V5 clients, `columns` (and an empty `rows`) for V6+. */
export interface TRowSet {
  /** The 0-based position of the first row of this page in the whole result. */
  startRowOffset: bigint
  rows: TRow[]
  columns?: TColumn[] | undefined
  binaryColumns?: Buffer | undefined
  columnCount?: number | undefined
}
