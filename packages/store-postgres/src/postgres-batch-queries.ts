import { BatchState, isTerminalState, type BatchQuery, type PurgeQuery } from '@batchgate/core/store'
import { BATCH_TABLE } from '@batchgate/sql-store'
import { sql, type Kysely } from 'kysely'
import type { PostgresBatchRow, PostgresSchema } from './postgres-schema.js'

const TERMINAL_STATES = Object.values(BatchState).filter(isTerminalState)

/**
 * One page of batch rows, newest first, in one autocommit statement. Served by the indexes (checked
 * with EXPLAIN in postgres-list-indexes.test.ts): (owner, create_time, id), (state, create_time, id)
 * and (create_time, id) of migration 0001, (created_by, state) of 0002. PostgreSQL does not append the
 * primary key to secondary indexes as InnoDB does, so `id` is in them: `create_time desc, id desc`
 * is then index order, and the keyset condition a row comparison the index can start from.
 *
 * An empty `states` or `ids` list matches nothing, without asking the server; so does a filter with a
 * NUL character, which no stored `text` holds (and which the server would refuse as an encoding error).
 *
 * @example
 * ```ts
 * const rows = await selectBatchPage(db, { owner: 'alice', states: ['RUNNING'], limit: 50 })
 * ```
 */
export async function selectBatchPage(
  db: Kysely<PostgresSchema>,
  query: BatchQuery,
): Promise<PostgresBatchRow[]> {
  return (await batchPageQuery(db, query)?.execute()) ?? []
}

/**
 * The statement {@link selectBatchPage} runs, or `undefined` when nothing can match (see there); apart
 * so that its query plan can be checked.
 *
 * @example
 * ```ts
 * const { sql, parameters } = batchPageQuery(db, { owner: 'alice', limit: 50 })!.compile()
 * ```
 */
export function batchPageQuery(db: Kysely<PostgresSchema>, query: BatchQuery) {
  if (query.states?.length === 0 || query.ids?.length === 0) return undefined
  if ([query.owner, query.batchType, query.createdBy].some((text) => text?.includes('\0'))) return undefined
  let select = db.selectFrom(BATCH_TABLE).selectAll()
  if (query.owner !== undefined) select = select.where('owner', '=', query.owner)
  if (query.batchType !== undefined) select = select.where('batch_type', '=', query.batchType)
  if (query.createdBy !== undefined) select = select.where('created_by', '=', query.createdBy)
  if (query.states !== undefined) select = select.where('state', 'in', [...query.states])
  if (query.ids !== undefined) select = select.where('id', 'in', [...query.ids])
  if (query.createdFrom !== undefined) select = select.where('create_time', '>=', query.createdFrom)
  if (query.createdBefore !== undefined) select = select.where('create_time', '<', query.createdBefore)
  const after = query.after
  if (after !== undefined) {
    // (create_time, id) < (t, id): one range on the index's (…, create_time, id).
    select = select.where((eb) =>
      eb(eb.refTuple('create_time', 'id'), '<', eb.tuple(after.createTime, after.id)),
    )
  }
  return select.orderBy('create_time', 'desc').orderBy('id', 'desc').limit(query.limit)
}

/**
 * Deletes at most `limit` terminal rows that ended before `endedBefore`, oldest end first, in one
 * statement: PostgreSQL's DELETE has no ORDER BY or LIMIT, so the ids come from a bounded sub-select
 * on the (end_time) index of migration 0002, and the rows go by the primary key. `for update skip locked` lets two instances purging at
 * once take different rows instead of waiting for each other.
 *
 * @example
 * ```ts
 * const deleted = await deleteExpiredBatches(db, { endedBefore: now - 3 * DAY, limit: 500 })
 * ```
 */
export async function deleteExpiredBatches(db: Kysely<PostgresSchema>, query: PurgeQuery): Promise<number> {
  if (query.limit <= 0) return 0
  const result = await expiredBatchesDelete(db, query).executeTakeFirst()
  return Number(result.numDeletedRows)
}

/**
 * The statement {@link deleteExpiredBatches} runs; apart so that its query plan can be checked.
 *
 * @example
 * ```ts
 * const { sql, parameters } = expiredBatchesDelete(db, { endedBefore: cutoff, limit: 100 }).compile()
 * ```
 */
export function expiredBatchesDelete(db: Kysely<PostgresSchema>, query: PurgeQuery) {
  const expired = db
    .selectFrom(BATCH_TABLE)
    .select('id')
    .where('state', 'in', TERMINAL_STATES)
    .where('end_time', '<', query.endedBefore)
    .orderBy('end_time')
    .orderBy('id')
    .limit(query.limit)
    .forUpdate()
    .skipLocked()
  // `= any(array(…))`: the ids are gathered first (an InitPlan) and then deleted through the primary
  // key; `in (…)` would be planned as a join, which may scan the whole table for a handful of rows.
  return db.deleteFrom(BATCH_TABLE).where((eb) => eb('id', '=', eb.fn.any(sql<string[]>`array(${expired})`)))
}
