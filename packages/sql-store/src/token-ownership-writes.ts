import type { BatchClaim, BatchTransfer } from '@batchgate/core/store'
import type { Kysely } from 'kysely'
import { BATCH_TABLE, type BatchTables } from './batch-tables.js'
import { claimUpdate, transferUpdate } from './ownership-writes.js'
import { newWriteToken, tokensOf, type TokenWriter } from './token-writes.js'

/**
 * The compare-and-set of a claim (see `claimUpdate`), retrying transient failures. A retry after a
 * lost connection finds the batch no longer PENDING when the first attempt had committed; it then
 * answers whether the stored claim is this call's own — the row's `state_token`, random per call, is
 * the one this claim wrote — so a claimer never takes its own claim for another instance's (and leaves
 * a batch RUNNING that nobody launches), nor another's for its own.
 *
 * @example
 * ```ts
 * await claimWithToken(db, id, { expectedOwnerToken: null, owner, startTime: now }, writer)
 * ```
 */
export async function claimWithToken(
  db: Kysely<BatchTables>,
  id: string,
  claim: BatchClaim,
  writer: Pick<TokenWriter<never>, 'retrying'>,
): Promise<boolean> {
  const token = newWriteToken()
  let attempt = 0
  return writer.retrying('claim a batch', async () => {
    attempt += 1
    const result = await claimUpdate(db, id, claim, token).executeTakeFirst()
    if (result.numUpdatedRows > 0n) return true
    return attempt > 1 && (await tokensOf(db, id))?.state_token === token
  })
}

/**
 * The compare-and-set of an ownership move (see `transferUpdate`), retrying transient failures. A
 * retry after a lost connection finds the batch no longer owned by `from` when the first attempt had
 * committed; it then answers whether the batch is owned by `to` in one of `states`, which is what the
 * move left. That check cannot tell this call's move from another's to the same owner: for a move to
 * an instance only that instance makes one (its token is its own), and for a move back to the queue
 * (`to: null`) two instances both answering true put the batch in the queue either way.
 *
 * @example
 * ```ts
 * await transferWithRecheck(db, id, { fromInstance: 'gw-2', fromToken, to: owner, states: ['RUNNING'] }, writer)
 * ```
 */
export async function transferWithRecheck(
  db: Kysely<BatchTables>,
  id: string,
  transfer: BatchTransfer,
  writer: Pick<TokenWriter<never>, 'retrying' | 'dialect'>,
): Promise<boolean> {
  if (transfer.states.length === 0) return false
  let attempt = 0
  return writer.retrying('transfer a batch', async () => {
    attempt += 1
    const result = await transferUpdate(db, id, transfer, writer.dialect).executeTakeFirst()
    if (result.numUpdatedRows > 0n) return true
    if (attempt === 1) return false
    const row = await db
      .selectFrom(BATCH_TABLE)
      .select(['state', 'owner_instance', 'owner_token'])
      .where('id', '=', id)
      .executeTakeFirst()
    return (
      row !== undefined &&
      (transfer.states as readonly string[]).includes(row.state) &&
      row.owner_instance === (transfer.to?.instanceId ?? null) &&
      row.owner_token === (transfer.to?.token ?? null)
    )
  })
}
