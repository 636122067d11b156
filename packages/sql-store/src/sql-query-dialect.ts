import type { Expression, SqlBool } from 'kysely'

/** The text columns a listing (or an ownership compare-and-set) filters on by equality. */
export type TextFilterColumn = 'owner' | 'batch_type' | 'created_by' | 'owner_instance' | 'owner_token'

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
   * Whether the filtered text columns can hold `value` at all. A listing filtered on a value they
   * cannot hold matches nothing and is answered without asking the database, which might refuse the
   * value as an encoding error (PostgreSQL's `text` and U+0000). Default: every string.
   */
  readonly canHoldText?: (value: string) => boolean
  /**
   * How a listing's keyset position `after` is written: `'or'` (the default),
   * `create_time < t or (create_time = t and id < i)`, which MySQL and SQLite plan as ranges; or
   * `'row-value'`, `(create_time, id) < (t, i)`, one range PostgreSQL starts an index scan from.
   */
  readonly keyset?: 'or' | 'row-value'
  /**
   * How the purge bounds its delete: `'delete-limit'`, one `DELETE … ORDER BY end_time, id LIMIT n`
   * (MySQL); `'subselect'` (the default), `DELETE … WHERE id IN (SELECT id … ORDER BY end_time LIMIT n)`
   * for databases without `DELETE … LIMIT` (SQLite's default build); `'any-array'`,
   * `DELETE … WHERE id = ANY(ARRAY(SELECT id … ORDER BY end_time, id LIMIT n FOR UPDATE SKIP LOCKED))`
   * (PostgreSQL: see `deleteExpiredBatches`).
   */
  readonly purge?: 'delete-limit' | 'subselect' | 'any-array'
  /**
   * The value written for the free text a submitter or a launcher fills (`resource`, `class_name`,
   * `name`, `diagnostic`), where the dialect stores it otherwise than as text. Default: the string as
   * it is. (PostgreSQL stores it as `bytea` holding the UTF-8, because its `text` cannot hold U+0000;
   * its driver reads the bytes back as the string, so rows still read as `BatchRow`s.)
   */
  readonly storedText?: (value: string) => Expression<string>
  /**
   * The database's current time as integer epoch milliseconds (a `bigint`-sized integer), read when
   * the statement runs: what leases and the launch queue's grace are judged by, so that instances with
   * skewed clocks agree. Default: SQLite's `cast((julianday('now') - 2440587.5) * 86400000 as integer)`.
   * (MySQL: from `unix_timestamp(now(3))` on a UTC session; PostgreSQL: from `clock_timestamp()`, not
   * `now()`, which is the transaction's start.)
   */
  readonly databaseNowMillis?: Expression<number>
  /**
   * Whether the launch queue's part owned by nobody (`state = 'PENDING' and owner_token is null`) also
   * orders by `owner_token` first, a no-op for its rows (all null). PostgreSQL takes `col = const`,
   * but not `col is null`, as fixing an index column for the order: without it, it reads every queued
   * row by bitmap and sorts them, instead of walking the queue index
   * (state, owner_token, priority desc, queued_at, id) in order and stopping at the limit. MariaDB does
   * the opposite: it walks the index for the plain order and sorts for this one. Default: false.
   */
  readonly queueOrdersByToken?: boolean
}
