import { cursorFromArray } from '../cursor/array-cursor.js'
import { describeValue } from '../errors/describe-value.js'
import type { ExecuteContext } from '../statement/execute-context.js'
import type { ResultRow } from '../statement/result-column.js'
import { StatementError } from '../statement/statement-error.js'
import type { StatementExecutor, StatementResult } from '../statement/statement-executor.js'
import { checkCatalogAnswer } from './check-catalog-answer.js'
import { columnRows } from './column-rows.js'
import { functionRows } from './function-rows.js'
import { METADATA_LAYOUTS } from './metadata-layouts.js'
import { MetadataKind, type ValidatedMetadataRequest } from './metadata-request.js'
import { catalogRows, schemaRows } from './schema-rows.js'
import type {
  CatalogColumn,
  CatalogFunction,
  CatalogSchema,
  CatalogTable,
  StatementCatalog,
} from './statement-catalog.js'
import { matchingTables, tableRows, tableTypeRows } from './table-rows.js'
import { typeInfoRows } from './type-info-rows.js'

/**
 * The executor of one metadata operation: it answers `request` itself (GetTypeInfo, GetTableTypes) or
 * from the catalog of the host's executor, in memory, so the operation is served (status, result
 * metadata, every fetch orientation, cancel, close) exactly as a statement's is. Without a catalog the
 * catalog calls answer no rows; a catalog that rejects, or answers something unusable, fails the
 * operation with that message.
 *
 * @example
 * ```ts
 * operation.run(metadataExecutor(checked, hostExecutor), { statement: describeMetadataRequest(checked), … })
 * ```
 */
export function metadataExecutor(
  request: ValidatedMetadataRequest,
  host: StatementExecutor | undefined,
): StatementExecutor {
  return {
    async execute(_description: string, context: ExecuteContext): Promise<StatementResult> {
      const rows = await metadataRows(request, new CatalogCalls(host), context)
      return { columns: METADATA_LAYOUTS[request.kind], cursor: cursorFromArray(rows) }
    },
  }
}

async function metadataRows(
  request: ValidatedMetadataRequest,
  catalog: CatalogCalls,
  context: ExecuteContext,
): Promise<ResultRow[]> {
  switch (request.kind) {
    case MetadataKind.GET_TYPE_INFO:
      return typeInfoRows()
    case MetadataKind.GET_TABLE_TYPES:
      return tableTypeRows()
    case MetadataKind.GET_CATALOGS:
      return catalogRows(await catalog.schemas(context))
    case MetadataKind.GET_SCHEMAS:
      return schemaRows(request, await catalog.schemas(context))
    case MetadataKind.GET_TABLES:
      return tableRows(request, await catalog.tables(context))
    case MetadataKind.GET_COLUMNS: {
      const tables = matchingTables(request, await catalog.tables(context))
      // No table matched: there is nothing to ask the catalog about.
      if (tables.length === 0) return []
      return columnRows(request, tables, await catalog.columns(tables, context))
    }
    case MetadataKind.GET_FUNCTIONS:
      return functionRows(request, await catalog.functions(context))
  }
}

/** The calls on a host's catalog, each answer checked; no catalog answers nothing. */
class CatalogCalls {
  readonly #catalog: object | undefined

  constructor(host: StatementExecutor | undefined) {
    // Read once, here, where a throwing getter fails only this operation.
    const catalog: unknown = host?.catalog
    if (catalog !== undefined && catalog !== null && typeof catalog !== 'object')
      throw new StatementError(`the statement executor's catalog is ${describeValue(catalog)}, not an object`)
    this.#catalog = catalog ?? undefined
  }

  async schemas(context: ExecuteContext): Promise<CatalogSchema[]> {
    return checkCatalogAnswer('schemas', await this.#call('schemas', [context], true))
  }

  async tables(context: ExecuteContext): Promise<CatalogTable[]> {
    return checkCatalogAnswer('tables', await this.#call('tables', [context], true))
  }

  async columns(tables: readonly CatalogTable[], context: ExecuteContext): Promise<CatalogColumn[]> {
    return checkCatalogAnswer('columns', await this.#call('columns', [tables, context], true))
  }

  async functions(context: ExecuteContext): Promise<CatalogFunction[]> {
    return checkCatalogAnswer('functions', await this.#call('functions', [context], false))
  }

  /** `[]` without a catalog, or without an optional method; a missing required one is an error. */
  async #call(method: keyof StatementCatalog, args: readonly unknown[], required: boolean): Promise<unknown> {
    const catalog = this.#catalog
    if (catalog === undefined) return []
    const call: unknown = (catalog as Partial<Record<string, unknown>>)[method]
    if (call === undefined && !required) return []
    if (typeof call !== 'function')
      throw new StatementError(
        `the statement executor's catalog has no ${method} method (${describeValue(call)})`,
      )
    return await (call as (...args: unknown[]) => unknown).apply(catalog, [...args])
  }
}
