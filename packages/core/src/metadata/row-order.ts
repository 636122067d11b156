import type { CellValue, ResultRow } from '../statement/result-column.js'
import { sameName } from './like-pattern.js'

/**
 * Sorts rows by the cells at `keys`, in that order, as JDBC orders each metadata result (NULL first,
 * text by UTF-16 code units, so the order never depends on the host's locale). Sorts in place.
 *
 * @example
 * ```ts
 * sortRows(rows, [3, 0, 1, 2]) // GetTables: TABLE_TYPE, TABLE_CAT, TABLE_SCHEM, TABLE_NAME
 * ```
 */
export function sortRows(rows: ResultRow[], keys: readonly number[]): ResultRow[] {
  return rows.sort((one, other) => {
    for (const key of keys) {
      const order = compareCells(one[key] ?? null, other[key] ?? null)
      if (order !== 0) return order
    }
    return 0
  })
}

function compareCells(one: CellValue, other: CellValue): number {
  if (one === other) return 0
  if (one === null) return -1
  if (other === null) return 1
  if (typeof one === 'number' && typeof other === 'number') return one - other
  const a = String(one)
  const b = String(other)
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Whether an object of the catalog `catalog` (`undefined`: none) is in the one a request names: any,
 * when it names none; else the same name ignoring case, the empty name standing for "no catalog".
 *
 * @example
 * ```ts
 * inCatalog(undefined)('spark_catalog') // true
 * inCatalog('spark_catalog')(undefined) // false
 * ```
 */
export function inCatalog(catalogName: string | undefined): (catalog: string | undefined) => boolean {
  if (catalogName === undefined) return () => true
  return (catalog) => sameName(catalog ?? '', catalogName)
}
