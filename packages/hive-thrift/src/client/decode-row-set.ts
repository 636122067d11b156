import { BatchgateError, ErrorCode, type CellValue, type ResultRow, type RowSet } from '@batchgate/core'
import type { TColumn, TColumnValue, TRowSet } from '../protocol/tcliservice-types.js'

/**
 * A `TFetchResultsResp`'s `TRowSet` as core's `RowSet`, each value in its JS type, from either layout:
 * columnar (protocol V6 and later: one `TColumn` per column, its `nulls` a bitmap, bit `i % 8` of byte
 * `i / 8` set — least significant bit first — where row `i` is NULL) or row-based (`TRow`s of
 * `TColumnValue`s whose unset `value` is NULL). Types: BOOLEAN `boolean`; TINYINT, SMALLINT, INT, FLOAT,
 * DOUBLE `number`; BIGINT (`i64`) always `bigint`, as `kyuubiRestFetcher` decodes it, so a value beyond
 * 2^53 keeps every digit and one column never mixes two types; BINARY `Uint8Array`; everything else
 * (STRING, DECIMAL, DATE, TIMESTAMP, complex types as JSON) the `string` the server sent.
 * `startRowOffset` and `hasMoreRows` (the latter from the response, not the row set) pass through.
 *
 * A row set that cannot be read — columns of different lengths, a column of no known kind, the
 * compressed `binaryColumns` form, an offset beyond 2^53 — is `SOURCE_FAILED` (the server answered
 * something no reader can use), which `resumableReader` does not retry.
 *
 * @example
 * ```ts
 * decodeRowSet({ startRowOffset: 0n, rows: [], columns: [{ i64Val: { values: [1n], nulls: Buffer.alloc(1) } }] }, false)
 * // { startRowOffset: 0, rows: [[1n]], hasMoreRows: false }
 * ```
 */
export function decodeRowSet(rowSet: TRowSet, hasMoreRows: boolean): RowSet<ResultRow> {
  const start = rowSet.startRowOffset
  if (start < 0n || start > BigInt(Number.MAX_SAFE_INTEGER)) throw unreadable(`startRowOffset is ${start}`)
  const rows =
    rowSet.columns !== undefined && rowSet.columns.length > 0
      ? columnarRows(rowSet.columns)
      : rowSet.binaryColumns !== undefined && rowSet.binaryColumns.length > 0
        ? unsupportedBinaryColumns()
        : rowSet.rows.map((row, index) => row.colVals.map((value, column) => cellOf(value, index, column)))
  return { startRowOffset: Number(start), rows, hasMoreRows }
}

type ColumnValues = readonly CellValue[]

function columnarRows(columns: readonly TColumn[]): ResultRow[] {
  const values = columns.map(columnValues)
  const rowCount = values[0]?.length ?? 0
  values.forEach((column, index) => {
    if (column.length !== rowCount) {
      throw unreadable(`column ${index} has ${column.length} values but column 0 has ${rowCount}`)
    }
  })
  const rows: ResultRow[] = new Array<ResultRow>(rowCount)
  for (let row = 0; row < rowCount; row++) rows[row] = values.map((column) => column[row] ?? null)
  return rows
}

function columnValues(column: TColumn, index: number): ColumnValues {
  if (column.boolVal !== undefined) return withNulls(column.boolVal.values, column.boolVal.nulls)
  if (column.byteVal !== undefined) return withNulls(column.byteVal.values, column.byteVal.nulls)
  if (column.i16Val !== undefined) return withNulls(column.i16Val.values, column.i16Val.nulls)
  if (column.i32Val !== undefined) return withNulls(column.i32Val.values, column.i32Val.nulls)
  if (column.i64Val !== undefined) return withNulls(column.i64Val.values, column.i64Val.nulls)
  if (column.doubleVal !== undefined) return withNulls(column.doubleVal.values, column.doubleVal.nulls)
  if (column.stringVal !== undefined) return withNulls(column.stringVal.values, column.stringVal.nulls)
  if (column.binaryVal !== undefined) {
    return withNulls(
      column.binaryVal.values.map((bytes) => new Uint8Array(bytes)),
      column.binaryVal.nulls,
    )
  }
  throw unreadable(`column ${index} sets none of TColumn's kinds`)
}

/** The values with NULL where the bitmap's bit is set; a bitmap shorter than the column means no more NULLs. */
function withNulls(values: readonly CellValue[], nulls: Buffer): ColumnValues {
  if (!nulls.some((byte) => byte !== 0)) return values
  return values.map((value, row) => (((nulls[row >> 3] ?? 0) >> (row & 7)) & 1 ? null : value))
}

function cellOf(value: TColumnValue, row: number, column: number): CellValue {
  const set =
    value.boolVal ??
    value.byteVal ??
    value.i16Val ??
    value.i32Val ??
    value.i64Val ??
    value.doubleVal ??
    value.stringVal
  if (set === undefined) throw unreadable(`rows[${row}].colVals[${column}] sets none of TColumnValue's kinds`)
  return set.value ?? null
}

function unsupportedBinaryColumns(): never {
  throw unreadable('it carries compressed binaryColumns, which this client does not read')
}

function unreadable(reason: string): BatchgateError {
  return new BatchgateError(
    ErrorCode.SOURCE_FAILED,
    `the server's FetchResults answer has no readable row set (${reason})`,
  )
}
