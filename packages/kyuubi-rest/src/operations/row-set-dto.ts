import { HiveType, type CellValue, type ResultColumn, type ResultRow, type RowSet } from '@batchgate/core'

/**
 * One value in Kyuubi's `Field`: the Thrift column kind it travels as, and the value.
 *
 * @example
 * ```ts
 * const field: FieldDto = { dataType: 'I64_VAL', value: '9007199254740993' }
 * ```
 */
export interface FieldDto {
  readonly dataType: string
  readonly value: boolean | number | string | null
}

/**
 * Kyuubi's `ResultRowSet`, plus the block's `startRowOffset` and `hasMoreRows` (Kyuubi's DTO lacks them).
 *
 * @example
 * ```ts
 * const { rows, startRowOffset, hasMoreRows } = (await response.json()) as RowSetDto
 * ```
 */
export interface RowSetDto {
  readonly rows: { readonly fields: FieldDto[] }[]
  readonly rowCount: number
  readonly startRowOffset: number
  readonly hasMoreRows: boolean
}

/**
 * The Thrift column kind (`TColumn`'s field name, Kyuubi's `Field.dataType`) each Hive type travels as
 * in Kyuubi's column-based row sets; everything else is a `STRING_VAL`.
 */
const KIND_OF: Partial<Record<HiveType, string>> = {
  [HiveType.BOOLEAN]: 'BOOL_VAL',
  [HiveType.TINYINT]: 'BYTE_VAL',
  [HiveType.SMALLINT]: 'I16_VAL',
  [HiveType.INT]: 'I32_VAL',
  [HiveType.BIGINT]: 'I64_VAL',
  [HiveType.FLOAT]: 'DOUBLE_VAL',
  [HiveType.DOUBLE]: 'DOUBLE_VAL',
  [HiveType.BINARY]: 'BINARY_VAL',
}

/**
 * A fetched block in Kyuubi's JSON (`GET /operations/{handle}/rowset`). Values travel as JSON can carry
 * them: a BIGINT as a number when it is a safe integer, else as its decimal string; a BINARY as base64
 * (as Jackson writes `byte[]`); a DOUBLE that is not finite as `"NaN"`, `"Infinity"` or `"-Infinity"`;
 * SQL NULL as `null` with the column's kind. A value of an unexpected JS type for its column is sent as
 * its string form.
 *
 * @example
 * ```ts
 * rowSetDto([{ name: 'n', type: HiveType.INT }], { rows: [[1]], startRowOffset: 0, hasMoreRows: false })
 * // { rows: [{ fields: [{ dataType: 'I32_VAL', value: 1 }] }], rowCount: 1, startRowOffset: 0, hasMoreRows: false }
 * ```
 */
export function rowSetDto(columns: readonly ResultColumn[], block: RowSet<ResultRow>): RowSetDto {
  const kinds = columns.map((column) => KIND_OF[column.type] ?? 'STRING_VAL')
  const rows = block.rows.map((row) => ({
    fields: row.map((cell, index) => {
      const dataType = kinds[index] ?? 'STRING_VAL'
      return { dataType, value: jsonValue(cell, dataType) }
    }),
  }))
  return { rows, rowCount: rows.length, startRowOffset: block.startRowOffset, hasMoreRows: block.hasMoreRows }
}

function jsonValue(cell: CellValue, kind: string): boolean | number | string | null {
  if (cell === null) return null
  if (typeof cell === 'bigint') {
    return kind !== 'STRING_VAL' && Number.isSafeInteger(Number(cell)) ? Number(cell) : cell.toString()
  }
  if (typeof cell === 'number') {
    if (Number.isFinite(cell)) return kind === 'STRING_VAL' ? String(cell) : cell
    return String(cell)
  }
  if (typeof cell === 'boolean') return kind === 'BOOL_VAL' ? cell : String(cell)
  if (typeof cell === 'string') return cell
  return Buffer.from(cell.buffer, cell.byteOffset, cell.byteLength).toString('base64')
}
