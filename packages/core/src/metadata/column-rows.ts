import type { ResultRow } from '../statement/result-column.js'
import { columnSize, decimalDigits, HIVE_TYPE_FACTS } from './hive-type-facts.js'
import { likePattern } from './like-pattern.js'
import type { ValidatedMetadataRequest } from './metadata-request.js'
import { sortRows } from './row-order.js'
import type { CatalogColumn, CatalogTable } from './statement-catalog.js'

/** `DatabaseMetaData.columnNoNulls` and `columnNullable`. */
const NO_NULLS = 0
const NULLABLE = 1

/**
 * GetColumns' rows: the columns of `tables` (the tables the request matched) whose names match its
 * column pattern, in `METADATA_LAYOUTS.GET_COLUMNS`'s 23 columns, ordered by table then
 * ORDINAL_POSITION. A column's position is its own, else its 1-based place among its table's columns
 * in the catalog's answer (counted before the column pattern filters them). Columns of tables not in
 * `tables` are left out.
 *
 * @example
 * ```ts
 * columnRows(request, tables, await catalog.columns(tables, context))
 * ```
 */
export function columnRows(
  request: ValidatedMetadataRequest,
  tables: readonly CatalogTable[],
  columns: readonly CatalogColumn[],
): ResultRow[] {
  const asked = new Set(tables.map((table) => tableKey(table.catalog, table.schema, table.name)))
  const name = likePattern(request.columnNamePattern)
  const placed = new Map<string, number>()
  const rows: ResultRow[] = []
  for (const column of columns) {
    const key = tableKey(column.catalog, column.schema, column.table)
    if (!asked.has(key)) continue
    const place = (placed.get(key) ?? 0) + 1
    placed.set(key, place)
    if (name(column.name)) rows.push(columnRow(column, column.position ?? place))
  }
  return sortRows(rows, [0, 1, 2, 16])
}

function columnRow(column: CatalogColumn, position: number): ResultRow {
  const facts = HIVE_TYPE_FACTS[column.type]
  const nullable = column.nullable ?? true
  return [
    // HiveServer2 answers NULL here (and '' in GetTables) for a table without a catalog.
    column.catalog ?? null,
    column.schema,
    column.table,
    column.name,
    facts.sqlType,
    facts.typeName,
    columnSize(column.type, column.precision),
    null,
    decimalDigits(column.type, column.scale),
    facts.numeric ? 10 : null,
    nullable ? NULLABLE : NO_NULLS,
    column.comment ?? null,
    column.defaultValue ?? null,
    null,
    null,
    null,
    position,
    nullable ? 'YES' : 'NO',
    null,
    null,
    null,
    null,
    column.autoIncrement === true ? 'YES' : 'NO',
  ]
}

/** The identity of a table: JSON of its parts, so that no separator can make two tables one. */
function tableKey(catalog: string | undefined, schema: string, table: string): string {
  return JSON.stringify([catalog ?? '', schema, table])
}
