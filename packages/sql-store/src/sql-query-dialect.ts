import type { Expression, SqlBool } from 'kysely'

/** The text columns a listing filters on by equality. */
export type TextFilterColumn = 'owner' | 'batch_type' | 'created_by'

/**
 * What a SQL dialect changes in the kit's shared queries. Every member is optional, so a member added
 * later breaks no dialect: the default is what standard SQL (and SQLite) does.
 *
 * @example
 * ```ts
 * const mysqlQueries: SqlQueryDialect = {
 *   textEquals: (column, value) => sql<SqlBool>`cast(${sql.ref(column)} as binary) = cast(${value} as binary)`,
 *   purge: 'delete-limit',
 * }
 * ```
 */
export interface SqlQueryDialect {
  /**
   * `column = value`, exactly as the bytes compare. Default: the plain `=`, which is exact where the
   * column's collation is (SQLite's `binary`, PostgreSQL's `C`); a PAD SPACE collation needs more.
   */
  readonly textEquals?: (column: TextFilterColumn, value: string) => Expression<SqlBool>
  /**
   * How the purge bounds its delete: `'delete-limit'`, one `DELETE … ORDER BY end_time, id LIMIT n`
   * (MySQL); `'subselect'` (the default), `DELETE … WHERE id IN (SELECT id … ORDER BY end_time LIMIT n)`
   * for databases without `DELETE … LIMIT` (SQLite's default build, PostgreSQL).
   */
  readonly purge?: 'delete-limit' | 'subselect'
}
