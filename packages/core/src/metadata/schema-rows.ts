import type { ResultRow } from '../statement/result-column.js'
import { likePattern } from './like-pattern.js'
import type { ValidatedMetadataRequest } from './metadata-request.js'
import { inCatalog, sortRows } from './row-order.js'
import type { CatalogSchema } from './statement-catalog.js'

/**
 * GetCatalogs' rows: the catalogs the schemas name, once each, in order. A catalog without catalogs
 * (Hive, SQLite) has none, as HiveServer2 answers.
 *
 * @example
 * ```ts
 * catalogRows([{ catalog: 'spark_catalog', name: 'default' }]) // [['spark_catalog']]
 * ```
 */
export function catalogRows(schemas: readonly CatalogSchema[]): ResultRow[] {
  const names = new Set<string>()
  for (const schema of schemas)
    if (schema.catalog !== undefined && schema.catalog !== '') names.add(schema.catalog)
  return sortRows(
    [...names].map((name) => [name]),
    [0],
  )
}

/**
 * GetSchemas' rows (TABLE_SCHEM, TABLE_CATALOG) of the schemas the request matches, ordered by
 * catalog then name; TABLE_CATALOG is empty for a schema without a catalog, as HiveServer2 answers.
 *
 * @example
 * ```ts
 * schemaRows(request, [{ name: 'main' }]) // [['main', '']]
 * ```
 */
export function schemaRows(
  request: ValidatedMetadataRequest,
  schemas: readonly CatalogSchema[],
): ResultRow[] {
  const catalog = inCatalog(request.catalogName)
  const schema = likePattern(request.schemaPattern)
  const rows = schemas
    .filter((each) => catalog(each.catalog) && schema(each.name))
    .map((each): ResultRow => [each.name, each.catalog ?? ''])
  return sortRows(rows, [1, 0])
}
