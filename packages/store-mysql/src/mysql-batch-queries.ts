import {
  BATCH_TABLE,
  BatchState,
  isTerminalState,
  type BatchQuery,
  type BatchRow,
  type PurgeQuery,
} from '@batchgate/core/store'
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely'
import type { MysqlSchema } from './mysql-schema.js'

const TERMINAL_STATES = Object.values(BatchState).filter(isTerminalState)

/**
 * One page of batch rows, newest first, in one autocommit statement. Served by the indexes (checked
 * with EXPLAIN in mysql-list-indexes.test.ts): (owner, create_time) and (state, create_time) of
 * migration 0001, (created_by, state) of 0002, and (create_time) read backwards when nothing else
 * filters. InnoDB appends the primary key to every secondary index, so `create_time desc, id desc` is
 * index order.
 *
 * An empty `states` or `ids` list matches nothing (as SQLite's `in ()`), without asking the server:
 * MySQL rejects `in ()` as a syntax error.
 *
 * @example
 * ```ts
 * const rows = await selectBatchPage(db, { owner: 'alice', states: ['RUNNING'], limit: 50 })
 * ```
 */
export async function selectBatchPage(db: Kysely<MysqlSchema>, query: BatchQuery): Promise<BatchRow[]> {
  if (query.states?.length === 0 || query.ids?.length === 0) return []
  let select = db.selectFrom(BATCH_TABLE).selectAll()
  if (query.owner !== undefined) select = select.where(exactlyEqual('owner', query.owner))
  if (query.batchType !== undefined) select = select.where(exactlyEqual('batch_type', query.batchType))
  if (query.createdBy !== undefined) select = select.where(exactlyEqual('created_by', query.createdBy))
  if (query.states !== undefined) select = select.where('state', 'in', [...query.states])
  if (query.ids !== undefined) select = select.where('id', 'in', [...query.ids])
  if (query.createdFrom !== undefined) select = select.where('create_time', '>=', query.createdFrom)
  if (query.createdBefore !== undefined) select = select.where('create_time', '<', query.createdBefore)
  const after = query.after
  if (after !== undefined) {
    // The optimiser turns this `or` into ranges on (…, create_time, id) of whichever index it chose.
    select = select.where((eb) =>
      eb.or([
        eb('create_time', '<', after.createTime),
        eb.and([eb('create_time', '=', after.createTime), eb('id', '<', after.id)]),
      ]),
    )
  }
  return select.orderBy('create_time', 'desc').orderBy('id', 'desc').limit(query.limit).execute()
}

/**
 * `column = value`, exactly, as SQLite compares text. utf8mb4_bin and ascii_bin are PAD SPACE collations
 * in MariaDB and MySQL 5.7 (trailing spaces are ignored: `'alice' = 'alice '`), so the equality alone
 * would list another user's batches. The plain equality stays for the optimiser (it is what lets the
 * index serve the filter); the comparison of the bytes drops the rows that differ only in trailing
 * spaces. The connection's character set is utf8mb4 (mysql-pool.ts), as the columns'.
 */
function exactlyEqual(column: 'owner' | 'batch_type' | 'created_by', value: string): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref(column)} = ${value} and cast(${sql.ref(column)} as binary) = cast(${value} as binary))`
}

/**
 * Deletes at most `limit` terminal rows that ended before `endedBefore`, oldest end first, with one
 * single-table `DELETE … ORDER BY … LIMIT` (atomic, bounded, on the (end_time) index of migration
 * 0002). Ordering by id too makes the chosen rows deterministic, which statement-based replication
 * needs of a `DELETE … LIMIT`.
 *
 * @example
 * ```ts
 * const deleted = await deleteExpiredBatches(db, { endedBefore: now - 3 * DAY, limit: 500 })
 * ```
 */
export async function deleteExpiredBatches(db: Kysely<MysqlSchema>, query: PurgeQuery): Promise<number> {
  const result = await db
    .deleteFrom(BATCH_TABLE)
    .where('state', 'in', TERMINAL_STATES)
    .where('end_time', '<', query.endedBefore)
    .orderBy('end_time')
    .orderBy('id')
    .limit(query.limit)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
