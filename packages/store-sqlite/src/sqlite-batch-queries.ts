import { BATCH_TABLE, type BatchQuery, type BatchRow, type PurgeQuery } from '@batchgate/core/store'
import type { Kysely } from 'kysely'
import type { SqliteSchema } from './sqlite-schema.js'

const TERMINAL_STATES = ['FINISHED', 'ERROR', 'CANCELED'] as const

/** One page of batch rows, newest first. */
export function selectBatchPage(db: Kysely<SqliteSchema>, query: BatchQuery): Promise<BatchRow[]> {
  return batchPageQuery(db, query).execute()
}

/**
 * The page query, unexecuted (tests EXPLAIN it). Filters use the indexes of migrations 0001 and 0002:
 * (owner, create_time), (state, create_time), (created_by, state), (create_time).
 */
export function batchPageQuery(db: Kysely<SqliteSchema>, query: BatchQuery) {
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
    select = select.where((eb) =>
      eb.or([
        eb('create_time', '<', after.createTime),
        eb.and([eb('create_time', '=', after.createTime), eb('id', '<', after.id)]),
      ]),
    )
  }
  return select.orderBy('create_time', 'desc').orderBy('id', 'desc').limit(query.limit)
}

/**
 * Deletes at most `limit` terminal rows that ended before `endedBefore`, oldest first. SQLite has no
 * `DELETE … LIMIT` in its default build, hence the sub-select on the (end_time) index.
 */
export async function deleteExpiredBatches(db: Kysely<SqliteSchema>, query: PurgeQuery): Promise<number> {
  const result = await db
    .deleteFrom(BATCH_TABLE)
    .where('id', 'in', (eb) =>
      eb
        .selectFrom(BATCH_TABLE)
        .select('id')
        .where('state', 'in', [...TERMINAL_STATES])
        .where('end_time', '<', query.endedBefore)
        .orderBy('end_time')
        .limit(query.limit),
    )
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
