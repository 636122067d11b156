import { inject, injectable } from 'inversify'
import { LaunchSupervisor } from '../batch/launch-supervisor.js'
import { BatchState } from '../batch/batch-state.js'
import { corruptBatchError } from '../batch/corrupt-batch-error.js'
import { reportSafely } from '../errors/report-safely.js'
import type { CoordinatedMetadataStore, InstanceLease } from '../metastore/coordination-store.js'
import { isUnreadableBatch } from '../metastore/unreadable-batch.js'
import { COORDINATION_SETTINGS, type CoordinationSettings } from './coordination-settings.js'
import { Coordination } from './coordination.js'
import { publishAdoption } from './lease-events.js'
import { LaunchSlots } from './launch-slots.js'
import { LeaseKeeper } from './lease-keeper.js'
import { QueueClaimer } from './queue-claimer.js'

/** PENDING and RUNNING rows of one lost token read per sweep (the rest waits for the next sweep). */
const ROWS_PER_LOST_TOKEN = 500

/**
 * Adoption of lost instances' batches, run after each successful renewal of this instance's lease:
 * for every lease the database's clock says expired (not this instance's own), it puts the lost
 * token's PENDING batches back in the launch queue and adopts its RUNNING ones (a compare-and-set on
 * owner and token, then the launcher's `recover`, or ERROR naming the lost instance) — at most
 * `ceil(running / live instances)` and `queue.adoptionBatchSize` of one token per sweep, and only into
 * free launch slots, so the survivors share the work — then drops the lease row once the token owns
 * nothing. Then it has the queue claimer claim.
 *
 * @example
 * ```ts
 * keeper.start({ handOver, renewed: () => sweep.run() })
 * ```
 */
@injectable()
export class AdoptionSweep {
  constructor(
    @inject(Coordination) private readonly coordination: Coordination,
    @inject(LeaseKeeper) private readonly lease: LeaseKeeper,
    @inject(LaunchSlots) private readonly slots: LaunchSlots,
    @inject(LaunchSupervisor) private readonly supervisor: LaunchSupervisor,
    @inject(QueueClaimer) private readonly claimer: QueueClaimer,
    @inject(COORDINATION_SETTINGS) private readonly settings: CoordinationSettings,
  ) {}

  /** One sweep (see the class); failures of single batches are reported and the sweep goes on. */
  async run(): Promise<void> {
    const store = this.coordination.store
    if (store === undefined || !this.lease.leasing) return
    const { leases } = await store.listLeases()
    const live = Math.max(1, leases.filter((lease) => !lease.expired).length)
    this.claimer.peers = live - 1
    const own = this.lease.owner.token
    for (const lost of shuffled(leases.filter((lease) => lease.expired && lease.token !== own))) {
      if (!this.lease.isValid()) return
      try {
        await this.#adoptFrom(store, lost, live)
      } catch (error) {
        reportSafely(this.settings.onBackgroundError, error)
      }
    }
    this.claimer.kick()
  }

  async #adoptFrom(store: CoordinatedMetadataStore, lost: InstanceLease, live: number): Promise<void> {
    const share = Math.min(Math.ceil(lost.running / live), this.settings.queue.adoptionBatchSize)
    const rows = await store.listBatches({
      ownerToken: lost.token,
      states: [BatchState.PENDING, BatchState.RUNNING],
      limit: ROWS_PER_LOST_TOKEN,
    })
    let adopted = 0
    let requeued = 0
    let left = 0
    const what = `engine instance ${lost.instanceId} lost its lease`
    for (const row of rows) {
      if (isUnreadableBatch(row)) {
        reportSafely(this.settings.onBackgroundError, corruptBatchError(row, 'the adoption sweep'))
        left++
        continue
      }
      if (row.state === BatchState.PENDING) {
        // Back in the queue (owner nobody, its queued time kept): claimed by whoever has a slot.
        const moved = await store.transferBatch(row.id, {
          fromInstance: lost.instanceId,
          fromToken: lost.token,
          to: null,
          states: [BatchState.PENDING],
        })
        if (moved) requeued++
        else left++
        continue
      }
      const mayAdopt = adopted < share && this.slots.free >= 1 && this.lease.isValid()
      if (mayAdopt && (await this.supervisor.adopt(row, lost.token, what))) adopted++
      else left++
    }
    if (adopted > 0 || requeued > 0) this.#tell(lost.instanceId, adopted, requeued)
    if (left === 0 && rows.length < ROWS_PER_LOST_TOKEN) await store.dropLease(lost.token)
  }

  /** An `info`: rare (an instance was lost), and it explains batches changing instance. */
  #tell(fromInstance: string, adopted: number, requeued: number): void {
    publishAdoption(this.settings.instanceId, fromInstance, adopted, requeued)
    this.settings.logger.info({ fromInstance, adopted, requeued }, 'adopted the batches of a lost instance')
  }
}

/** A shuffled copy, so that the survivors do not all start with the same lost lease. */
function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    const a = copy[i] as T
    copy[i] = copy[j] as T
    copy[j] = a
  }
  return copy
}
