import type { BatchClaim, BatchTransfer } from '@batchgate/core/store'
import type { Kysely } from 'kysely'
import { BATCH_TABLE, type BatchTables } from './batch-tables.js'
import { ownerTokenIs } from './owner-token-condition.js'
import type { SqlQueryDialect } from './sql-query-dialect.js'
import type { WriteTokenTables } from './token-writes.js'

/**
 * The compare-and-set of a claim, unexecuted: PENDING → RUNNING with its start time and new owner,
 * where the batch is PENDING and owned under `expectedOwnerToken`. With `stateToken` (a store with
 * write tokens) it also marks the change as this call's, for a retry to recognise.
 *
 * @example
 * ```ts
 * const { numUpdatedRows } = await claimUpdate(db, id, claim).executeTakeFirstOrThrow()
 * ```
 */
export function claimUpdate(db: Kysely<BatchTables>, id: string, claim: BatchClaim, stateToken?: string) {
  return db
    .withTables<WriteTokenTables>()
    .updateTable(BATCH_TABLE)
    .set({
      state: 'RUNNING',
      start_time: claim.startTime,
      owner_instance: claim.owner.instanceId,
      owner_token: claim.owner.token,
      ...(stateToken === undefined ? {} : { state_token: stateToken }),
    })
    .where('id', '=', id)
    .where('state', '=', 'PENDING')
    .where(ownerTokenIs(claim.expectedOwnerToken))
}

/**
 * The compare-and-set of an ownership move, unexecuted: the new owner (or none), where the batch is in
 * one of `states` and owned by `fromInstance` (compared exactly: the dialect's `textEquals`) under
 * `fromToken`. The caller answers an empty `states` itself (MySQL rejects `in ()`).
 *
 * @example
 * ```ts
 * const { numUpdatedRows } = await transferUpdate(db, id, transfer, dialect).executeTakeFirstOrThrow()
 * ```
 */
export function transferUpdate(
  db: Kysely<BatchTables>,
  id: string,
  transfer: BatchTransfer,
  dialect: SqlQueryDialect = {},
) {
  return db
    .updateTable(BATCH_TABLE)
    .set({ owner_instance: transfer.to?.instanceId ?? null, owner_token: transfer.to?.token ?? null })
    .where('id', '=', id)
    .where('state', 'in', [...transfer.states])
    .where(
      (eb) =>
        dialect.textEquals?.('owner_instance', transfer.fromInstance) ??
        eb('owner_instance', '=', transfer.fromInstance),
    )
    .where(ownerTokenIs(transfer.fromToken))
}
