import { inject, injectable } from 'inversify'
import { LaunchSupervisor } from '../batch/launch-supervisor.js'
import { corruptBatchError } from '../batch/corrupt-batch-error.js'
import { reportSafely } from '../errors/report-safely.js'
import { isUnreadableBatch, type ListedBatch } from '../metastore/unreadable-batch.js'
import type { BatchRecord } from '../metastore/batch-record.js'
import { claimOrder } from './claim-order.js'
import { COORDINATION_SETTINGS, type CoordinationSettings } from './coordination-settings.js'
import { Coordination } from './coordination.js'
import { LaunchSlots } from './launch-slots.js'
import { LeaseKeeper } from './lease-keeper.js'

/** At most this many claims per read of the queue (an unlimited instance reads in pages of it). */
const MAX_CLAIMS_PER_READ = 100
/** Reads per round: a round that keeps losing every claim to other instances ends, to try again later. */
const MAX_READS_PER_ROUND = 20

/**
 * Claims batches from the launch queue while this instance has free launch slots: every
 * `queue.pollIntervalMs`, when a slot frees, when a submission was queued, and after each adoption
 * sweep. It reads a few more rows than it has slots when other instances are live and tries them
 * shuffled within their priority (see {@link claimOrder}), so that instances claiming at once mostly
 * pick different rows; each claim is a compare-and-set, so a lost race costs one statement.
 *
 * @example
 * ```ts
 * claimer.start()
 * claimer.kick() // a batch was queued
 * ```
 */
@injectable()
export class QueueClaimer {
  #timer: NodeJS.Timeout | undefined
  #round: Promise<void> | undefined
  #again = false
  #stopped = false
  /** How many other instances were live at the last sweep (how much to spread claims). */
  #peers = 0

  constructor(
    @inject(Coordination) private readonly coordination: Coordination,
    @inject(LeaseKeeper) private readonly lease: LeaseKeeper,
    @inject(LaunchSlots) private readonly slots: LaunchSlots,
    @inject(LaunchSupervisor) private readonly supervisor: LaunchSupervisor,
    @inject(COORDINATION_SETTINGS) private readonly settings: CoordinationSettings,
  ) {
    // With unlimited slots nothing waits for a slot: the polls pick up what the queue holds.
    if (settings.maxRunningBatches !== undefined)
      slots.onFreed(() => {
        this.kick()
      })
  }

  /** Tells how many other instances are live, as the adoption sweep saw the leases. */
  set peers(count: number) {
    this.#peers = Math.max(0, count)
  }

  /** Polls the queue every `queue.pollIntervalMs` (an unref'd timer), when the store coordinates. */
  start(): void {
    if (this.coordination.store === undefined || this.#timer !== undefined || this.#stopped) return
    this.#timer = setInterval(() => {
      this.kick()
    }, this.settings.queue.pollIntervalMs)
    this.#timer.unref()
    this.kick()
  }

  /** Claims now (or right after the round under way). */
  kick(): void {
    if (this.#stopped || this.coordination.store === undefined) return
    if (this.#round !== undefined) {
      this.#again = true
      return
    }
    this.#round = this.#claimRound()
      .catch((error: unknown) => {
        reportSafely(this.settings.onBackgroundError, error)
      })
      .finally(() => {
        this.#round = undefined
        if (!this.#again) return
        this.#again = false
        this.kick()
      })
  }

  /** Stops polling and waits for the round under way. */
  async stop(): Promise<void> {
    this.#stopped = true
    clearInterval(this.#timer)
    await this.#round
  }

  async #claimRound(): Promise<void> {
    const store = this.coordination.store
    if (store === undefined) return
    for (let read = 0; read < MAX_READS_PER_ROUND; read++) {
      if (this.#stopped || !this.lease.isValid()) return
      const wanted = Math.min(this.slots.free, MAX_CLAIMS_PER_READ)
      if (wanted < 1) return
      const limit = wanted + (this.#peers > 0 ? Math.min(wanted * this.#peers, MAX_CLAIMS_PER_READ) : 0)
      const head = await store.queuedBatches({
        limit,
        unlaunchedGraceMs: this.settings.queue.unlaunchedGraceMs,
      })
      const { claimed, lost } = await this.#claimEach(readable(head, this.settings.onBackgroundError))
      // The queue is drained (as far as this instance can launch), or nothing was contested: done.
      if (head.length < limit && lost === 0) return
      if (claimed === 0 && lost === 0) return
    }
  }

  async #claimEach(head: BatchRecord[]): Promise<{ claimed: number; lost: number }> {
    let claimed = 0
    let lost = 0
    for (const record of this.#peers > 0 ? claimOrder(head) : head) {
      if (this.slots.free < 1 || this.#stopped) break
      if (!this.supervisor.launches(record.batchType)) continue
      if (await this.supervisor.claimQueued(record)) claimed++
      else lost++
    }
    return { claimed, lost }
  }
}

/** The queue's rows that decode; the others are reported (`CORRUPT_BATCH_RECORD`) and left alone. */
function readable(head: readonly ListedBatch[], report: (error: unknown) => void): BatchRecord[] {
  const records: BatchRecord[] = []
  for (const entry of head) {
    if (isUnreadableBatch(entry)) reportSafely(report, corruptBatchError(entry, 'the launch queue'))
    else records.push(entry)
  }
  return records
}
