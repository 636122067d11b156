// Types only: this module runs in statement processes, which do not load core (see WorkerError).
import type { CellValue, HiveType, ResultColumn } from '@batchgate/core'
import { WorkerError } from './worker-error.js'

/** Turns one SQLite value (read with safe integers: every INTEGER is a `bigint`) into a cell of its column. */
export type CellConverter = (value: unknown, rowIndex: number) => CellValue

type IntegerType = Extract<HiveType, 'TINYINT' | 'SMALLINT' | 'INT' | 'BIGINT'>

const INTEGER_RANGES: Readonly<Record<IntegerType, readonly [bigint, bigint]>> = {
  TINYINT: [-(2n ** 7n), 2n ** 7n - 1n],
  SMALLINT: [-(2n ** 15n), 2n ** 15n - 1n],
  INT: [-(2n ** 31n), 2n ** 31n - 1n],
  BIGINT: [-(2n ** 63n), 2n ** 63n - 1n],
}

const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

/**
 * The converter of a column: SQLite lets any column hold any value, so a value that does not fit the
 * column's Hive type fails the fetch with a `WorkerError` (SQLSTATE 22018, or 22003 for an integer
 * out of range) that names the row and column and says to CAST it, rather than reaching a client as
 * something its type does not allow.
 *
 * @example
 * ```ts
 * cellConverter({ name: 'n', type: 'INT' })(7n, 0) // 7
 * ```
 */
export function cellConverter(column: ResultColumn): CellConverter {
  const convert = converterOf(column)
  return (value, rowIndex) => {
    if (value === null || value === undefined) return null
    const cell = convert(value)
    if (cell === MISMATCH) throw mismatch(column, value, rowIndex)
    if (cell === OUT_OF_RANGE) {
      throw new WorkerError(
        `row ${rowIndex + 1}, column ${column.name}: ${(value as bigint | number).toString()} is out of the range of ${column.type}; CAST it in the statement`,
        '22003',
      )
    }
    return cell
  }
}

const MISMATCH = Symbol('mismatch')
const OUT_OF_RANGE = Symbol('out of range')
type Converted = CellValue | typeof MISMATCH | typeof OUT_OF_RANGE

function converterOf(column: ResultColumn): (value: unknown) => Converted {
  switch (column.type) {
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
    case 'BIGINT': {
      const range = INTEGER_RANGES[column.type]
      return (value) => integerCell(value, range)
    }
    case 'BOOLEAN':
      return booleanCell
    case 'FLOAT':
    case 'DOUBLE':
      return (value) =>
        typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : MISMATCH
    case 'DECIMAL':
      return (value) => decimalCell(value, column.scale)
    case 'BINARY':
      return (value) =>
        value instanceof Uint8Array
          ? new Uint8Array(value)
          : typeof value === 'string'
            ? new TextEncoder().encode(value)
            : MISMATCH
    case 'DATE':
    case 'TIMESTAMP':
      return (value) => (typeof value === 'string' ? value : MISMATCH)
    case 'STRING':
    case 'VARCHAR':
    case 'CHAR':
    case 'NULL':
    case 'ARRAY':
    case 'MAP':
    case 'STRUCT':
    case 'INTERVAL_YEAR_MONTH':
    case 'INTERVAL_DAY_TIME':
      // Text, and the types SQLite has no values of: a column typed so by a re-run gets text.
      return (value) =>
        typeof value === 'string'
          ? value
          : typeof value === 'number' || typeof value === 'bigint'
            ? String(value)
            : MISMATCH
  }
}

function integerCell(value: unknown, [min, max]: readonly [bigint, bigint]): Converted {
  let integer: bigint
  if (typeof value === 'bigint') integer = value
  else if (typeof value === 'number' && Number.isInteger(value)) integer = BigInt(value)
  else return MISMATCH
  if (integer < min || integer > max) return OUT_OF_RANGE
  const asNumber = Number(integer)
  return Number.isSafeInteger(asNumber) ? asNumber : integer
}

function booleanCell(value: unknown): Converted {
  if (typeof value === 'bigint') return value !== 0n
  if (typeof value === 'number') return value !== 0
  if (typeof value === 'string') {
    const lower = value.toLowerCase()
    if (lower === 'true' || lower === 'false') return lower === 'true'
  }
  return MISMATCH
}

function decimalCell(value: unknown, scale: number | undefined): Converted {
  if (typeof value === 'bigint')
    return scale === undefined || scale === 0 ? String(value) : `${value}.${'0'.repeat(scale)}`
  if (typeof value === 'number')
    return Number.isFinite(value) ? (scale === undefined ? String(value) : value.toFixed(scale)) : MISMATCH
  if (typeof value === 'string' && DECIMAL_TEXT.test(value)) return value
  return MISMATCH
}

function mismatch(column: ResultColumn, value: unknown, rowIndex: number): WorkerError {
  return new WorkerError(
    `row ${rowIndex + 1}, column ${column.name}: a ${sqliteTypeOf(value)} value does not fit its type ${column.type}; CAST it in the statement`,
    '22018',
  )
}

function sqliteTypeOf(value: unknown): string {
  if (typeof value === 'bigint') return 'INTEGER'
  if (typeof value === 'number') return 'REAL'
  if (typeof value === 'string') return 'TEXT'
  return 'BLOB'
}
