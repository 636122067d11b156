import type { ResultRow } from '@batchgate/core'
import type { Encodable, TColumn } from '../protocol/tcliservice-types.js'
import { toBinary, toBool, toDouble, toI64, toIntN, toText } from './cell-coercion.js'
import { ColumnKind } from './column-kind.js'

/** The `nulls` of a column without NULL: Hive sends an empty bitmap then (Java's `BitSet.toByteArray`). */
const NO_NULLS = Buffer.alloc(0)

const EMPTY_BYTES = Buffer.alloc(0)

/**
 * A block's rows as the columns of a columnar `TRowSet` (protocol V6 and later): one `TColumn` per
 * result column, its values in row order, a NULL's value defaulted (false, 0, '' or no bytes) and
 * marked in `nulls`, bit i (least significant first) of byte i / 8 for row i, the bitmap cut after its
 * last non-zero byte as Hive's `BitSet.toByteArray` does. This is the hot path of FetchResults: one
 * preallocated array per column, one loop per column, no closure per cell; a cell whose JS type is not
 * its column's goes through `cell-coercion` (see there).
 *
 * @example
 * ```ts
 * columnarRowSet([ColumnKind.I64, ColumnKind.STRING], [[1n, 'a'], [null, 'b']])
 * // [{ i64Val: { values: [1n, 0], nulls: <02> } }, { stringVal: { values: ['a', 'b'], nulls: <> } }]
 * ```
 */
export function columnarRowSet(
  kinds: readonly ColumnKind[],
  rows: readonly ResultRow[],
): Encodable<TColumn>[] {
  const columns = new Array<Encodable<TColumn>>(kinds.length)
  for (let column = 0; column < kinds.length; column++) {
    columns[column] = columnOf(kinds[column] ?? ColumnKind.STRING, rows, column)
  }
  return columns
}

function columnOf(kind: ColumnKind, rows: readonly ResultRow[], column: number): Encodable<TColumn> {
  switch (kind) {
    case ColumnKind.I64:
      return i64Column(rows, column)
    case ColumnKind.STRING:
      return stringColumn(rows, column)
    case ColumnKind.I32:
      return { i32Val: intColumn(rows, column, 32) }
    case ColumnKind.I16:
      return { i16Val: intColumn(rows, column, 16) }
    case ColumnKind.BYTE:
      return { byteVal: intColumn(rows, column, 8) }
    case ColumnKind.DOUBLE:
      return doubleColumn(rows, column)
    case ColumnKind.BOOL:
      return boolColumn(rows, column)
    case ColumnKind.BINARY:
      return binaryColumn(rows, column)
  }
}

/** Collects the NULL rows of one column into Hive's bitmap, allocated on the first NULL. */
class NullBitmap {
  #bytes: Buffer | undefined
  #last = -1

  constructor(private readonly rowCount: number) {}

  mark(row: number): void {
    this.#bytes ??= Buffer.alloc((this.rowCount + 7) >>> 3)
    this.#bytes[row >>> 3] = (this.#bytes[row >>> 3] ?? 0) | (1 << (row & 7))
    this.#last = row
  }

  bytes(): Buffer {
    return this.#bytes === undefined ? NO_NULLS : this.#bytes.subarray(0, (this.#last >>> 3) + 1)
  }
}

function i64Column(rows: readonly ResultRow[], column: number): Encodable<TColumn> {
  const count = rows.length
  const values = new Array<bigint | number>(count)
  const nulls = new NullBitmap(count)
  for (let row = 0; row < count; row++) {
    const cell = rows[row]?.[column] ?? null
    if (typeof cell === 'bigint') values[row] = BigInt.asIntN(64, cell)
    else if (typeof cell === 'number' && Number.isSafeInteger(cell)) values[row] = cell
    else if (cell === null) {
      values[row] = 0
      nulls.mark(row)
    } else values[row] = toI64(cell)
  }
  return { i64Val: { values, nulls: nulls.bytes() } }
}

function stringColumn(rows: readonly ResultRow[], column: number): Encodable<TColumn> {
  const count = rows.length
  const values = new Array<string>(count)
  const nulls = new NullBitmap(count)
  for (let row = 0; row < count; row++) {
    const cell = rows[row]?.[column] ?? null
    if (typeof cell === 'string') values[row] = cell
    else if (cell === null) {
      values[row] = ''
      nulls.mark(row)
    } else values[row] = toText(cell)
  }
  return { stringVal: { values, nulls: nulls.bytes() } }
}

function intColumn(
  rows: readonly ResultRow[],
  column: number,
  bits: 8 | 16 | 32,
): { values: number[]; nulls: Buffer } {
  const count = rows.length
  const values = new Array<number>(count)
  const nulls = new NullBitmap(count)
  const min = -(2 ** (bits - 1))
  const max = 2 ** (bits - 1) - 1
  for (let row = 0; row < count; row++) {
    const cell = rows[row]?.[column] ?? null
    if (typeof cell === 'number' && Number.isInteger(cell) && cell >= min && cell <= max) values[row] = cell
    else if (cell === null) {
      values[row] = 0
      nulls.mark(row)
    } else values[row] = toIntN(cell, bits)
  }
  return { values, nulls: nulls.bytes() }
}

function doubleColumn(rows: readonly ResultRow[], column: number): Encodable<TColumn> {
  const count = rows.length
  const values = new Array<number>(count)
  const nulls = new NullBitmap(count)
  for (let row = 0; row < count; row++) {
    const cell = rows[row]?.[column] ?? null
    if (typeof cell === 'number') values[row] = cell
    else if (cell === null) {
      values[row] = 0
      nulls.mark(row)
    } else values[row] = toDouble(cell)
  }
  return { doubleVal: { values, nulls: nulls.bytes() } }
}

function boolColumn(rows: readonly ResultRow[], column: number): Encodable<TColumn> {
  const count = rows.length
  const values = new Array<boolean>(count)
  const nulls = new NullBitmap(count)
  for (let row = 0; row < count; row++) {
    const cell = rows[row]?.[column] ?? null
    if (typeof cell === 'boolean') values[row] = cell
    else if (cell === null) {
      values[row] = false
      nulls.mark(row)
    } else values[row] = toBool(cell)
  }
  return { boolVal: { values, nulls: nulls.bytes() } }
}

function binaryColumn(rows: readonly ResultRow[], column: number): Encodable<TColumn> {
  const count = rows.length
  const values = new Array<Buffer>(count)
  const nulls = new NullBitmap(count)
  for (let row = 0; row < count; row++) {
    const cell = rows[row]?.[column] ?? null
    if (cell === null) {
      values[row] = EMPTY_BYTES
      nulls.mark(row)
    } else values[row] = toBinary(cell)
  }
  return { binaryVal: { values, nulls: nulls.bytes() } }
}
