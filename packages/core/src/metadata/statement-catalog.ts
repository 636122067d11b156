import type { HiveType } from '../statement/hive-type.js'
import type { ExecuteContext } from '../statement/execute-context.js'

/**
 * A schema (Hive's database) of a {@link StatementCatalog}.
 *
 * @example
 * ```ts
 * const schema: CatalogSchema = { name: 'sales' }
 * ```
 */
export interface CatalogSchema {
  /** Its catalog, when the engine has catalogs (Spark 3's `spark_catalog`); omit it otherwise, as Hive does. */
  readonly catalog?: string | undefined
  readonly name: string
}

/**
 * A table or view of a {@link StatementCatalog}.
 *
 * @example
 * ```ts
 * const table: CatalogTable = { schema: 'sales', name: 'orders', type: 'TABLE', comment: 'one row per order' }
 * ```
 */
export interface CatalogTable {
  readonly catalog?: string | undefined
  readonly schema: string
  readonly name: string
  /** JDBC's table type as GetTableTypes lists it: `TABLE` (the default) or `VIEW`. */
  readonly type?: string | undefined
  readonly comment?: string | undefined
}

/**
 * A column of a {@link CatalogTable}, named with its table.
 *
 * @example
 * ```ts
 * const column: CatalogColumn = { schema: 'sales', table: 'orders', name: 'price', type: HiveType.DECIMAL, precision: 10, scale: 2 }
 * ```
 */
export interface CatalogColumn {
  readonly catalog?: string | undefined
  readonly schema: string
  readonly table: string
  readonly name: string
  readonly type: HiveType
  /** DECIMAL's precision, a CHAR's or VARCHAR's length. */
  readonly precision?: number | undefined
  /** DECIMAL's scale. */
  readonly scale?: number | undefined
  readonly comment?: string | undefined
  /** Whether it may hold NULL (default true). */
  readonly nullable?: boolean | undefined
  /** Its 1-based position in its table (default: its place among its table's columns in the answer). */
  readonly position?: number | undefined
  /** Its default value, as SQL text. */
  readonly defaultValue?: string | undefined
  readonly autoIncrement?: boolean | undefined
}

/**
 * A function of a {@link StatementCatalog}.
 *
 * @example
 * ```ts
 * const upper: CatalogFunction = { name: 'upper', comment: 'upper(str) - the string in upper case' }
 * ```
 */
export interface CatalogFunction {
  readonly catalog?: string | undefined
  readonly schema?: string | undefined
  readonly name: string
  readonly comment?: string | undefined
  /** A table function (Hive's UDTF), JDBC's `functionReturnsTable` (default false: `functionNoTable`). */
  readonly returnsTable?: boolean | undefined
  /** The name that tells overloads apart (default: `name`). */
  readonly specificName?: string | undefined
}

/**
 * The tables a {@link StatementExecutor} can query, described plainly: core answers HiveServer2's
 * metadata calls (`engine.sessions.executeMetadata`) from it, matching their patterns itself, so a
 * catalog answers everything it has. Each call gets the session's user and conf and a signal aborted
 * when the operation is cancelled or closed; a rejection fails the operation (state ERROR) with its
 * message. A catalog bounds its own reads in time: the metadata call waits for it.
 *
 * @example
 * ```ts
 * const catalog: StatementCatalog = {
 *   schemas: async () => [{ name: 'sales' }],
 *   tables: async () => [{ schema: 'sales', name: 'orders', type: 'TABLE' }],
 *   columns: async (tables) =>
 *     tables.flatMap((table) => [{ schema: table.schema, table: table.name, name: 'id', type: HiveType.BIGINT }]),
 * }
 * const executor: StatementExecutor = { execute: runStatement, catalog }
 * ```
 */
export interface StatementCatalog {
  /** Every schema. */
  schemas(context: ExecuteContext): Promise<readonly CatalogSchema[]>
  /** Every table and view. */
  tables(context: ExecuteContext): Promise<readonly CatalogTable[]>
  /**
   * The columns of `tables` (those of {@link tables}' answer that a GetColumns call matched), in their
   * tables' order; columns of other tables are ignored.
   */
  columns(tables: readonly CatalogTable[], context: ExecuteContext): Promise<readonly CatalogColumn[]>
  /** Every function; without it, GetFunctions answers none. */
  functions?(context: ExecuteContext): Promise<readonly CatalogFunction[]>
}
