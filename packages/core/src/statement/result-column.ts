import type { HiveType } from './hive-type.js'

/**
 * One column of a statement's result.
 *
 * @example
 * ```ts
 * const price: ResultColumn = { name: 'price', type: HiveType.DECIMAL, precision: 10, scale: 2 }
 * ```
 */
export interface ResultColumn {
  readonly name: string
  readonly type: HiveType
  readonly comment?: string | undefined
  /** DECIMAL's precision (and a CHAR/VARCHAR's length); omitted for other types. */
  readonly precision?: number | undefined
  /** DECIMAL's scale. */
  readonly scale?: number | undefined
}

/**
 * One value of a result row: SQL NULL, or a value of the column's type (a DECIMAL, DATE or TIMESTAMP
 * as its string form, a BIGINT as a `bigint` or a safe `number`, a BINARY as bytes).
 */
export type CellValue = null | boolean | number | bigint | string | Uint8Array

/** One row of a result: one {@link CellValue} per column, in column order. */
export type ResultRow = readonly CellValue[]
