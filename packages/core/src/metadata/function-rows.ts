import type { ResultRow } from '../statement/result-column.js'
import { likePattern } from './like-pattern.js'
import type { ValidatedMetadataRequest } from './metadata-request.js'
import { inCatalog, sortRows } from './row-order.js'
import type { CatalogFunction } from './statement-catalog.js'

/** `DatabaseMetaData.functionNoTable` and `functionReturnsTable`. */
const NO_TABLE = 1
const RETURNS_TABLE = 2

/**
 * GetFunctions' rows of the functions the request matches (a function without a schema is matched as
 * the schema `''`), ordered by FUNCTION_CAT, FUNCTION_SCHEM, FUNCTION_NAME and SPECIFIC_NAME as JDBC
 * asks.
 *
 * @example
 * ```ts
 * functionRows({ ...request, functionNamePattern: 'upp%' }, [{ name: 'upper' }]) // [[null, null, 'upper', '', 1, 'upper']]
 * ```
 */
export function functionRows(
  request: ValidatedMetadataRequest,
  functions: readonly CatalogFunction[],
): ResultRow[] {
  const catalog = inCatalog(request.catalogName)
  const schema = likePattern(request.schemaPattern)
  const name = likePattern(request.functionNamePattern)
  const rows = functions
    .filter((each) => catalog(each.catalog) && schema(each.schema ?? '') && name(each.name))
    .map((each): ResultRow => [
      each.catalog ?? null,
      each.schema ?? null,
      each.name,
      each.comment ?? '',
      each.returnsTable === true ? RETURNS_TABLE : NO_TABLE,
      each.specificName ?? each.name,
    ])
  return sortRows(rows, [0, 1, 2, 5])
}
