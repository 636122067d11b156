import type { CellValue, ResultRow } from '@batchgate/core'
import type { Encodable, TColumnValue, TRow } from '../protocol/tcliservice-types.js'
import { toBool, toDouble, toI64, toIntN, toText } from './cell-coercion.js'
import { ColumnKind } from './column-kind.js'

/**
 * A block's rows as the `rows` of a row-based `TRowSet` (protocols V1–V5): one `TColumnValue` per cell,
 * of its column's kind, with no `value` for SQL NULL. A BINARY cell travels as a string (its bytes
 * decoded as UTF-8, as Spark's row-based sets do: `TColumnValue` has no binary field); other cells as
 * in {@link columnarRowSet}.
 *
 * @example
 * ```ts
 * rowBasedRowSet([ColumnKind.I32], [[7], [null]])
 * // [{ colVals: [{ i32Val: { value: 7 } }] }, { colVals: [{ i32Val: {} }] }]
 * ```
 */
export function rowBasedRowSet(kinds: readonly ColumnKind[], rows: readonly ResultRow[]): Encodable<TRow>[] {
  const result = new Array<Encodable<TRow>>(rows.length)
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index] ?? []
    const colVals = new Array<Encodable<TColumnValue>>(kinds.length)
    for (let column = 0; column < kinds.length; column++) {
      colVals[column] = valueOf(kinds[column] ?? ColumnKind.STRING, row[column] ?? null)
    }
    result[index] = { colVals }
  }
  return result
}

function valueOf(kind: ColumnKind, cell: CellValue): Encodable<TColumnValue> {
  switch (kind) {
    case ColumnKind.BOOL:
      return { boolVal: cell === null ? {} : { value: toBool(cell) } }
    case ColumnKind.BYTE:
      return { byteVal: cell === null ? {} : { value: toIntN(cell, 8) } }
    case ColumnKind.I16:
      return { i16Val: cell === null ? {} : { value: toIntN(cell, 16) } }
    case ColumnKind.I32:
      return { i32Val: cell === null ? {} : { value: toIntN(cell, 32) } }
    case ColumnKind.I64:
      return { i64Val: cell === null ? {} : { value: toI64(cell) } }
    case ColumnKind.DOUBLE:
      return { doubleVal: cell === null ? {} : { value: toDouble(cell) } }
    case ColumnKind.STRING:
    case ColumnKind.BINARY:
      return { stringVal: cell === null ? {} : { value: toText(cell) } }
  }
}
