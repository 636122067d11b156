import { inject, injectable } from 'inversify'
import { LaunchSupervisor } from '../batch/launch-supervisor.js'
import { BatchState } from '../batch/batch-state.js'
import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'
import type { BatchQuery } from '../metastore/batch-query.js'
import type { CoordinatedMetadataStore } from '../metastore/coordination-store.js'
import { isUnreadableBatch } from '../metastore/unreadable-batch.js'
import { invalidOption } from '../engine/option-checks.js'
import { COORDINATION_SETTINGS, type CoordinationSettings } from './coordination-settings.js'
import { Coordination } from './coordination.js'
import type { ReassignResult } from './instance-info.js'
import { LeaseKeeper } from './lease-keeper.js'
import { QueueClaimer } from './queue-claimer.js'

/** Rows read per page while reassigning. */
const REASSIGN_PAGE = 200

/**
 * An admin's `reassign` (Kyuubi's `POST /api/v1/batches/reassign`): moves every unfinished batch of a
 * stopped instance — under any of its tokens, or none — to this one now, without waiting for its lease
 * to expire and a sweep to adopt them: RUNNING ones are adopted here whatever the free slots (the admin
 * asked), PENDING ones go back to the launch queue. Refused with `INSTANCE_ALIVE` for this instance and
 * for one whose lease is live (its batches are still watched).
 *
 * @example
 * ```ts
 * const { batchIds } = await reassigner.reassign('gw-2')
 * ```
 */
@injectable()
export class BatchReassigner {
  constructor(
    @inject(Coordination) private readonly coordination: Coordination,
    @inject(LeaseKeeper) private readonly lease: LeaseKeeper,
    @inject(LaunchSupervisor) private readonly supervisor: LaunchSupervisor,
    @inject(QueueClaimer) private readonly claimer: QueueClaimer,
    @inject(COORDINATION_SETTINGS) private readonly settings: CoordinationSettings,
  ) {}

  /** See the class; the caller has checked the user is an admin. */
  async reassign(instanceId: string): Promise<ReassignResult> {
    const store = this.coordination.store
    if (store === undefined) {
      throw invalidOption(
        'reassign needs a metastore with coordination (owners, transfers); this one has none',
      )
    }
    const self = this.settings.instanceId
    if (instanceId === self) {
      throw new BatchgateError(
        ErrorCode.INSTANCE_ALIVE,
        `instance ${instanceId} is the instance answering: it runs its own batches`,
      )
    }
    if (this.lease.leasing) await assertNotLive(store, instanceId)
    const batchIds = await this.#moveAll(store, instanceId)
    this.claimer.kick()
    return { batchIds, originalInstance: instanceId, instance: self }
  }

  async #moveAll(store: CoordinatedMetadataStore, instanceId: string): Promise<string[]> {
    const moved: string[] = []
    const what = `engine instance ${instanceId} stopped (its batches were reassigned to ${this.settings.instanceId})`
    let after: BatchQuery['after']
    for (;;) {
      const page = await store.listBatches({
        ownerInstance: instanceId,
        states: [BatchState.PENDING, BatchState.RUNNING],
        limit: REASSIGN_PAGE,
        ...(after === undefined ? {} : { after }),
      })
      for (const row of page) {
        // A row that cannot be decoded is left where it is: it cannot be recovered anyway.
        if (isUnreadableBatch(row)) continue
        const done =
          row.state === BatchState.RUNNING
            ? await this.supervisor.adopt(row, row.ownerToken, what, true)
            : await store.transferBatch(row.id, {
                fromInstance: instanceId,
                fromToken: row.ownerToken,
                to: null,
                states: [BatchState.PENDING],
              })
        if (done) moved.push(row.id)
      }
      const last = page.at(-1)
      if (last === undefined || page.length < REASSIGN_PAGE) return moved
      after = { createTime: last.createTime, id: last.id }
    }
  }
}

async function assertNotLive(store: CoordinatedMetadataStore, instanceId: string): Promise<void> {
  const { leases } = await store.listLeases()
  const live = leases.filter((lease) => lease.instanceId === instanceId && !lease.expired)
  if (live.length === 0) return
  const until = Math.max(...live.map((lease) => lease.expiresAt))
  throw new BatchgateError(
    ErrorCode.INSTANCE_ALIVE,
    `instance ${instanceId} holds a live lease until ${new Date(until).toISOString()} (database clock): it still runs its batches`,
  )
}
