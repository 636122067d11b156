import type {
  CatalogColumn,
  CatalogFunction,
  CatalogTable,
  CellValue,
  ExecuteContext,
  ResultColumn,
  StatementCatalog,
} from '@batchgate/core'
import { hiveColumn } from './hive-column-type.js'

/**
 * Runs one of the catalog's fixed queries to its end and answers its rows, converted as `columns`
 * say; bounded like a statement (time, processes) and stopped when `context.signal` aborts.
 */
export type CatalogQuery = (
  sql: string,
  columns: readonly ResultColumn[],
  context: ExecuteContext,
) => Promise<readonly (readonly CellValue[])[]>

/** SQLite's one schema of the `--data` database, as its statements name it. */
const SCHEMA = 'main'

/**
 * The tables and views of the file (`m` of `sqlite_schema`), without SQLite's own: `sqlite_` names
 * are reserved to it, whatever their case.
 */
const USER_OBJECTS = `m.type IN ('table', 'view') AND lower(substr(m.name, 1, 7)) <> 'sqlite_'`

const TABLES_SQL = `SELECT m.name AS table_name, m.type AS table_type FROM sqlite_schema AS m WHERE ${USER_OBJECTS} ORDER BY m.name`
const TABLES_COLUMNS: readonly ResultColumn[] = [
  { name: 'table_name', type: 'STRING' },
  { name: 'table_type', type: 'STRING' },
]

// Every column of every table, in one query: core keeps those of the tables it asked about. Hidden
// columns of virtual tables (hidden = 1) are left out, as `SELECT *` leaves them; generated ones stay.
const COLUMNS_SQL =
  'SELECT m.name AS table_name, c.name AS column_name, c.type AS declared, c."notnull" AS not_null, ' +
  'c.dflt_value AS default_value FROM sqlite_schema AS m JOIN pragma_table_xinfo(m.name) AS c ' +
  `WHERE ${USER_OBJECTS} AND c.hidden <> 1 ORDER BY m.name, c.cid`
const COLUMNS_COLUMNS: readonly ResultColumn[] = [
  { name: 'table_name', type: 'STRING' },
  { name: 'column_name', type: 'STRING' },
  { name: 'declared', type: 'STRING' },
  { name: 'not_null', type: 'BIGINT' },
  { name: 'default_value', type: 'STRING' },
]

const FUNCTIONS_SQL =
  "SELECT name, group_concat(DISTINCT CASE type WHEN 'a' THEN 'aggregate' WHEN 'w' THEN 'aggregate/window' ELSE 'scalar' END) " +
  'AS kinds FROM pragma_function_list GROUP BY name ORDER BY name'
const FUNCTIONS_COLUMNS: readonly ResultColumn[] = [
  { name: 'name', type: 'STRING' },
  { name: 'kinds', type: 'STRING' },
]

/**
 * The catalog of the gateway's SQLite statement executor: one schema, `main` (no catalog, as Hive
 * reports none), its tables and views from `sqlite_schema`, their columns from `PRAGMA table_xinfo`
 * typed as statements' columns are (a declaration without a definite Hive type is a STRING), and the
 * functions of `pragma_function_list`. Each read is one fixed query run by `query`.
 *
 * @example
 * ```ts
 * const catalog = sqliteCatalog((sql, columns, context) => readAll(sql, columns, context))
 * await catalog.tables({ user: 'alice', sessionConf: {}, signal }) // [{ schema: 'main', name: 'sales', type: 'TABLE' }]
 * ```
 */
export function sqliteCatalog(query: CatalogQuery): StatementCatalog {
  return {
    schemas: () => Promise.resolve([{ name: SCHEMA }]),
    async tables(context): Promise<CatalogTable[]> {
      const rows = await query(TABLES_SQL, TABLES_COLUMNS, context)
      return rows.map(([name, type]) => ({
        schema: SCHEMA,
        name: String(name),
        type: type === 'view' ? 'VIEW' : 'TABLE',
      }))
    },
    async columns(_tables, context): Promise<CatalogColumn[]> {
      const rows = await query(COLUMNS_SQL, COLUMNS_COLUMNS, context)
      return rows.map(([table, name, declared, notNull, defaultValue]) => {
        const columnName = String(name)
        // No first value to look at: a declaration SQLite leaves open is a STRING, as for an empty result.
        const typed = hiveColumn(columnName, declared === '' ? null : (declared as string | null), null)
        return {
          schema: SCHEMA,
          table: String(table),
          name: columnName,
          type: typed.type,
          precision: typed.precision,
          scale: typed.scale,
          nullable: Number(notNull) === 0,
          defaultValue: typeof defaultValue === 'string' ? defaultValue : undefined,
        }
      })
    },
    async functions(context): Promise<CatalogFunction[]> {
      const rows = await query(FUNCTIONS_SQL, FUNCTIONS_COLUMNS, context)
      return rows.map(([name, kinds]) => ({
        name: String(name),
        comment: `SQLite ${String(kinds).replaceAll(',', ', ')} function`,
      }))
    },
  }
}
