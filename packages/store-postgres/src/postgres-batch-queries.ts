import type { SqlQueryDialect } from '@batchgate/sql-store'
import { sql, type Expression } from 'kysely'

/**
 * What PostgreSQL changes in the SQL store kit's list, purge and write queries.
 *
 * Listing is one autocommit statement, served by the indexes (checked with EXPLAIN in
 * postgres-list-indexes.test.ts): (owner, create_time, id), (state, create_time, id) and
 * (create_time, id) of migration 0001, (created_by, state) of 0002. PostgreSQL does not append the
 * primary key to secondary indexes as InnoDB does, so `id` is in them: `create_time desc, id desc` is
 * then index order, and the keyset condition a row comparison (`'row-value'`) the index can start from.
 * A filter with a NUL character matches nothing without asking the server: no stored `text` holds one
 * (the server would refuse it as an encoding error). The `text` columns use the "C" collation, so the
 * plain `=` is exact.
 *
 * The purge is the kit's `'any-array'` form, on the (end_time) index of migration 0002.
 *
 * The free text (`resource`, `class_name`, `name`, `diagnostic`, `app_diagnostic`) is stored as `bytea` holding its
 * UTF-8, because `text` cannot hold U+0000 (see postgres-batch-row.ts); the store's pool reads it back
 * as the string (postgres-type-parsers.ts).
 *
 * @example
 * ```ts
 * const rows = await selectBatchPage(db, { owner: 'alice', states: ['RUNNING'], limit: 50 }, POSTGRES_QUERIES)
 * ```
 */
export const POSTGRES_QUERIES: SqlQueryDialect = {
  canHoldText: (value) => !value.includes('\0'),
  keyset: 'row-value',
  purge: 'any-array',
  storedText: asBytes,
}

/** The text as a `bytea` parameter: pg sends a Buffer as bytes. */
function asBytes(text: string): Expression<string> {
  return sql<string>`${Buffer.from(text, 'utf8')}`
}
