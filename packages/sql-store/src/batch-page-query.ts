import type { BatchQuery } from '@batchgate/core/store'
import type { ExpressionBuilder, Kysely } from 'kysely'
import type { BatchRow } from './batch-row.js'
import { BATCH_TABLE, type BatchTables } from './batch-tables.js'
import type { SqlQueryDialect, TextFilterColumn } from './sql-query-dialect.js'

/**
 * One page of batch rows, newest first (`create_time desc, id desc`), in one statement. An empty
 * `states` or `ids` list matches nothing, answered without asking the database: MySQL rejects `in ()`
 * as a syntax error, and no database can find a row in it. So does a text filter the dialect's columns
 * cannot hold (its `canHoldText`).
 *
 * @example
 * ```ts
 * const rows = await selectBatchPage(db, { owner: 'alice', states: ['RUNNING'], limit: 50 })
 * return rows.map(decodeBatchRow)
 * ```
 */
export async function selectBatchPage(
  db: Kysely<BatchTables>,
  query: BatchQuery,
  dialect: SqlQueryDialect = {},
): Promise<BatchRow[]> {
  if (query.states?.length === 0 || query.ids?.length === 0) return []
  const { canHoldText } = dialect
  if (canHoldText !== undefined) {
    const texts = [query.owner, query.batchType, query.createdBy, query.ownerInstance, query.ownerToken]
    if (texts.some((text) => text !== undefined && !canHoldText(text))) return []
  }
  return batchPageQuery(db, query, dialect).execute()
}

/**
 * The page query of {@link selectBatchPage}, unexecuted (tests compile and EXPLAIN it). Each filter is
 * one condition, so the store's indexes — (owner, create_time), (state, create_time),
 * (created_by, state), (owner_instance, state), (owner_token, state), (create_time) — can serve it;
 * `after` is the keyset position of the previous page's last row, as a range on (create_time, id).
 *
 * @example
 * ```ts
 * const { sql, parameters } = batchPageQuery(db, { owner: 'alice', limit: 50 }).compile()
 * ```
 */
export function batchPageQuery(db: Kysely<BatchTables>, query: BatchQuery, dialect: SqlQueryDialect = {}) {
  // The dialect's exact comparison where it has one, else the plain `=`.
  const equals =
    (column: TextFilterColumn, value: string) => (eb: ExpressionBuilder<BatchTables, typeof BATCH_TABLE>) =>
      dialect.textEquals?.(column, value) ?? eb(column, '=', value)
  let select = db.selectFrom(BATCH_TABLE).selectAll()
  if (query.owner !== undefined) select = select.where(equals('owner', query.owner))
  if (query.batchType !== undefined) select = select.where(equals('batch_type', query.batchType))
  if (query.createdBy !== undefined) select = select.where(equals('created_by', query.createdBy))
  if (query.ownerInstance !== undefined) select = select.where(equals('owner_instance', query.ownerInstance))
  if (query.ownerToken !== undefined) select = select.where(equals('owner_token', query.ownerToken))
  if (query.states !== undefined) select = select.where('state', 'in', [...query.states])
  if (query.ids !== undefined) select = select.where('id', 'in', [...query.ids])
  if (query.createdFrom !== undefined) select = select.where('create_time', '>=', query.createdFrom)
  if (query.createdBefore !== undefined) select = select.where('create_time', '<', query.createdBefore)
  const after = query.after
  if (after !== undefined) {
    select = select.where((eb) =>
      dialect.keyset === 'row-value'
        ? // One range on the index's (…, create_time, id), where the index holds the id.
          eb(eb.refTuple('create_time', 'id'), '<', eb.tuple(after.createTime, after.id))
        : // Optimisers turn this `or` into ranges on (…, create_time, id) of whichever index they chose.
          eb.or([
            eb('create_time', '<', after.createTime),
            eb.and([eb('create_time', '=', after.createTime), eb('id', '<', after.id)]),
          ]),
    )
  }
  return select.orderBy('create_time', 'desc').orderBy('id', 'desc').limit(query.limit)
}
