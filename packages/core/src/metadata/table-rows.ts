import type { ResultRow } from '../statement/result-column.js'
import { likePattern, sameName } from './like-pattern.js'
import type { ValidatedMetadataRequest } from './metadata-request.js'
import { inCatalog, sortRows } from './row-order.js'
import type { CatalogTable } from './statement-catalog.js'

/** The table types core lists (GetTableTypes), as JDBC names them: a catalog's tables use these. */
export const TABLE_TYPES: readonly string[] = Object.freeze(['TABLE', 'VIEW'])

/** The type of a table that names none. */
const DEFAULT_TABLE_TYPE = 'TABLE'

/**
 * GetTableTypes' rows: {@link TABLE_TYPES}, in order.
 *
 * @example
 * ```ts
 * tableTypeRows() // [['TABLE'], ['VIEW']]
 * ```
 */
export function tableTypeRows(): ResultRow[] {
  return TABLE_TYPES.map((type) => [type])
}

/**
 * The tables a GetTables or GetColumns request matches: its catalog, its schema and table name
 * patterns, and (GetTables) its table types, ignoring case.
 *
 * @example
 * ```ts
 * matchingTables({ ...request, tableNamePattern: 'ord%' }, tables)
 * ```
 */
export function matchingTables(
  request: ValidatedMetadataRequest,
  tables: readonly CatalogTable[],
): CatalogTable[] {
  const catalog = inCatalog(request.catalogName)
  const schema = likePattern(request.schemaPattern)
  const name = likePattern(request.tableNamePattern)
  const types = request.tableTypes
  return tables.filter(
    (table) =>
      catalog(table.catalog) &&
      schema(table.schema) &&
      name(table.name) &&
      (types === undefined || types.some((type) => sameName(type, tableType(table)))),
  )
}

/**
 * GetTables' rows of the tables the request matches, ordered by TABLE_TYPE, TABLE_CAT, TABLE_SCHEM and
 * TABLE_NAME as JDBC asks; TABLE_CAT is empty for a table without a catalog, as HiveServer2 answers.
 *
 * @example
 * ```ts
 * tableRows(request, [{ schema: 'main', name: 'orders' }]) // [['', 'main', 'orders', 'TABLE', null, …]]
 * ```
 */
export function tableRows(request: ValidatedMetadataRequest, tables: readonly CatalogTable[]): ResultRow[] {
  const rows = matchingTables(request, tables).map((table): ResultRow => [
    table.catalog ?? '',
    table.schema,
    table.name,
    tableType(table),
    table.comment ?? null,
    null,
    null,
    null,
    null,
    null,
  ])
  return sortRows(rows, [3, 0, 1, 2])
}

function tableType(table: CatalogTable): string {
  return table.type === undefined || table.type === '' ? DEFAULT_TABLE_TYPE : table.type
}
