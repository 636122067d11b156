import type { LaunchSupervisor } from '../batch/launch-supervisor.js'
import { BatchState } from '../batch/batch-state.js'
import { corruptBatchError } from '../batch/corrupt-batch-error.js'
import { reportSafely } from '../errors/report-safely.js'
import type { BatchQuery } from '../metastore/batch-query.js'
import type { BatchRecord } from '../metastore/batch-record.js'
import type { CoordinatedMetadataStore } from '../metastore/coordination-store.js'
import { isUnreadableBatch } from '../metastore/unreadable-batch.js'
import type { LeaseKeeper } from './lease-keeper.js'

/** Rows read per page while taking over. */
const TAKEOVER_PAGE = 200

/**
 * At start, with a store that coordinates: takes over what earlier lives of this instance (same
 * `instanceId`, other lease tokens, or none) left unfinished, by their owner rather than their
 * creator: RUNNING batches are adopted (compare-and-set of the token) and handed to the launcher's
 * `recover`, or end ERROR saying the instance restarted; PENDING ones go back to the launch queue and
 * are claimed here at once when a slot is free. Batches of a token of this id acquired after this
 * start's own (a second live engine with the same id, a misconfiguration) are left to it. Resolves
 * with how many batches were taken over.
 *
 * @example
 * ```ts
 * const taken = await takeOverEarlierLives(store, supervisor, keeper, config)
 * ```
 */
export async function takeOverEarlierLives(
  store: CoordinatedMetadataStore,
  supervisor: LaunchSupervisor,
  keeper: LeaseKeeper,
  config: { readonly instanceId: string; readonly onBackgroundError: (error: unknown) => void },
): Promise<number> {
  const own = keeper.owner.token
  const later = keeper.leasing ? await laterLives(store, config.instanceId, own) : new Set<string>()
  const what = `engine instance ${config.instanceId} restarted`
  let count = 0
  let after: BatchQuery['after']
  for (;;) {
    const page = await store.listBatches({
      ownerInstance: config.instanceId,
      states: [BatchState.PENDING, BatchState.RUNNING],
      limit: TAKEOVER_PAGE,
      ...(after === undefined ? {} : { after }),
    })
    for (const row of page) {
      if (isUnreadableBatch(row)) {
        reportSafely(config.onBackgroundError, corruptBatchError(row, 'recovery'))
        continue
      }
      if (row.ownerToken === own || (row.ownerToken !== null && later.has(row.ownerToken))) continue
      if (await takeOver(store, supervisor, row, what)) count++
    }
    const last = page.at(-1)
    if (last === undefined || page.length < TAKEOVER_PAGE) return count
    after = { createTime: last.createTime, id: last.id }
  }
}

async function takeOver(
  store: CoordinatedMetadataStore,
  supervisor: LaunchSupervisor,
  row: BatchRecord,
  what: string,
): Promise<boolean> {
  // Its jobs run whatever this instance's limit: a RUNNING batch is attended even beyond it.
  if (row.state === BatchState.RUNNING) return supervisor.adopt(row, row.ownerToken, what, true)
  // A batch no launcher here can run (the host runs it, or another instance's launcher) stays as it is
  // unless another instance could launch it: the queue then finds it.
  if (!supervisor.launches(row.batchType) && row.ownerToken === null) return false
  const requeued = await store.transferBatch(row.id, {
    fromInstance: row.ownerInstance ?? '',
    fromToken: row.ownerToken,
    to: null,
    states: [BatchState.PENDING],
  })
  if (!requeued) return false
  await supervisor.claimQueued({ ...row, ownerInstance: null, ownerToken: null })
  return true
}

/** Tokens of this instance id acquired after this start's own: another live engine with this id. */
async function laterLives(
  store: CoordinatedMetadataStore,
  instanceId: string,
  own: string,
): Promise<Set<string>> {
  const { leases } = await store.listLeases()
  const mine = leases.find((lease) => lease.token === own)
  if (mine === undefined) return new Set()
  return new Set(
    leases
      .filter(
        (lease) => lease.instanceId === instanceId && !lease.expired && lease.acquiredAt > mine.acquiredAt,
      )
      .map((lease) => lease.token),
  )
}
