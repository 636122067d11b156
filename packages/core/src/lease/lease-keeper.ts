import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { inject, injectable } from 'inversify'
import { reportSafely } from '../errors/report-safely.js'
import type { BatchOwner } from '../metastore/coordination-store.js'
import { COORDINATION_SETTINGS, type CoordinationSettings } from './coordination-settings.js'
import { Coordination } from './coordination.js'
import { publishLeaseEvent } from './lease-events.js'

/** Moves the batches this instance attends under a lost token to its new one (the launch supervisor). */
export type HandOver = (current: BatchOwner) => Promise<void>

/**
 * This instance's lease: acquired at start, renewed every `renewIntervalMs`, handed back by `release`.
 *
 * Validity is judged locally on the monotonic clock (`performance.now`, never the engine's `clock`,
 * which a host may skew): a renewal that started at `t` and succeeded makes the lease valid until
 * `t + durationMs`, never later than the database's own expiry. A renewal answered `undefined` (the
 * lease expired in the database) or no successful renewal before that time means the lease is lost:
 * the keeper acquires a new token and has the supervisor move its batches to it (the {@link HandOver});
 * until that is done the lease is not valid, so no launcher is called and nothing is claimed.
 *
 * Without leases (`lease: false`, or a store without coordination) the owner still has a token of its
 * own (random per start), so fencing and the queue work, and it is always valid.
 *
 * @example
 * ```ts
 * await keeper.acquire()
 * keeper.start({ handOver: (owner) => supervisor.handOver(owner), renewed: () => sweep.run() })
 * if (await keeper.whenValid()) launcher.launch(batch, context)
 * ```
 */
@injectable()
export class LeaseKeeper {
  #owner: BatchOwner
  /** Whether the current token's lease is held (acquired and not known lost). */
  #held: boolean
  /** A lost token's batches are still to be moved to the current one. */
  #handOverDue = false
  /** `performance.now()` until which the lease is valid. */
  #validUntil = Number.POSITIVE_INFINITY
  #timer: NodeJS.Timeout | undefined
  #ticking: Promise<void> | undefined
  /** The adoption sweep after a renewal, one at a time. */
  #afterRenewal: Promise<void> | undefined
  #stopped = false
  #waiters: ((valid: boolean) => void)[] = []
  #hooks: { handOver: HandOver; renewed: () => Promise<void> } | undefined

  constructor(
    @inject(Coordination) private readonly coordination: Coordination,
    @inject(COORDINATION_SETTINGS) private readonly settings: CoordinationSettings,
  ) {
    this.#owner = newOwner(settings.instanceId)
    // Without leases nothing can be lost: the owner is valid from the start.
    this.#held = coordination.lease === undefined
  }

  /** This instance and its current lease token: what every owner's write is fenced with. */
  get owner(): BatchOwner {
    return this.#owner
  }

  /** Whether leases are on (a lease row, renewals, adoption). */
  get leasing(): boolean {
    return this.coordination.lease !== undefined
  }

  /** Whether this instance may launch and claim now: its lease is held, not run out, and handed over. */
  isValid(): boolean {
    return !this.#stopped && this.#held && !this.#handOverDue && performance.now() < this.#validUntil
  }

  /** Resolves `true` as soon as the lease is valid, or `false` once the keeper is stopped. */
  whenValid(): Promise<boolean> {
    if (this.isValid()) return Promise.resolve(true)
    if (this.#stopped) return Promise.resolve(false)
    return new Promise((resolve) => this.#waiters.push(resolve))
  }

  /** Writes this start's lease row (before recovery): the engine does not start without it. */
  async acquire(): Promise<void> {
    const lease = this.coordination.lease
    const store = this.coordination.store
    if (lease === undefined || store === undefined) return
    const started = performance.now()
    await store.acquireLease(this.#owner, lease.durationMs)
    this.#validUntil = started + lease.durationMs
    this.#held = true
    publishLeaseEvent('acquired', this.settings.instanceId)
    this.settings.logger.debug?.({ durationMs: lease.durationMs }, 'lease acquired')
  }

  /**
   * Renews the lease every `renewIntervalMs` (an unref'd timer); after each successful renewal calls
   * `renewed` (the adoption sweep), and after a lost lease `handOver` before anything else.
   */
  start(hooks: { handOver: HandOver; renewed: () => Promise<void> }): void {
    const lease = this.coordination.lease
    if (lease === undefined || this.#timer !== undefined || this.#stopped) return
    this.#hooks = hooks
    this.#timer = setInterval(() => {
      // One tick at a time: a renewal the database is slow to answer is not stacked on.
      this.#ticking ??= this.#tick().finally(() => (this.#ticking = undefined))
    }, lease.renewIntervalMs)
    this.#timer.unref()
  }

  /** Stops renewing (the lease runs on until {@link release}) and wakes whoever waits for validity. */
  async stop(): Promise<void> {
    this.#stopped = true
    clearInterval(this.#timer)
    // Woken first: a sweep waiting for validity must end for the waits below to end.
    for (const wake of this.#waiters.splice(0)) wake(false)
    await this.#ticking
    await this.#afterRenewal
  }

  /** Ends the lease now, so that the live instances adopt this one's batches at their next sweep. */
  async release(): Promise<void> {
    const store = this.coordination.store
    if (!this.leasing || store === undefined || !this.#held) return
    this.#held = false
    await store.releaseLease(this.#owner).catch((error: unknown) => {
      reportSafely(this.settings.onBackgroundError, error)
    })
  }

  async #tick(): Promise<void> {
    if (this.#stopped) return
    // Validity ran out without a successful renewal: another instance may adopt these batches now.
    if (this.#held && performance.now() >= this.#validUntil) this.#lose('no renewal succeeded in time')
    const renewed = this.#held ? await this.#renew() : await this.#acquireNew()
    if (!renewed || this.#isStopped()) return
    if (this.#handOverDue) {
      try {
        await this.#hooks?.handOver(this.#owner)
        this.#handOverDue = false
      } catch (error) {
        // Tried again at the next tick; meanwhile nothing launches.
        reportSafely(this.settings.onBackgroundError, error)
        return
      }
    }
    this.#wakeIfValid()
    if (!this.isValid() || this.#afterRenewal !== undefined) return
    // Not awaited by the tick: a long sweep must never hold back the next renewal.
    this.#afterRenewal = (this.#hooks?.renewed() ?? Promise.resolve())
      .catch((error: unknown) => {
        reportSafely(this.settings.onBackgroundError, error)
      })
      .finally(() => (this.#afterRenewal = undefined))
  }

  /** Renews the held lease; false when it failed (reported) or was lost. */
  async #renew(): Promise<boolean> {
    const { store, lease } = this.#leasing()
    const started = performance.now()
    let grant
    try {
      grant = await store.renewLease(this.#owner, lease.durationMs)
    } catch (error) {
      // A metastore that cannot be reached is tried again at the next tick, while validity lasts.
      reportSafely(this.settings.onBackgroundError, error)
      return false
    }
    if (grant === undefined) {
      this.#lose('the metastore found it expired')
      return this.#acquireNew()
    }
    if (this.#held) this.#validUntil = started + lease.durationMs
    return this.#held
  }

  /** After a lost lease: a new token and its lease row; false when the store could not write it. */
  async #acquireNew(): Promise<boolean> {
    const { store, lease } = this.#leasing()
    const next = newOwner(this.settings.instanceId)
    const started = performance.now()
    try {
      await store.acquireLease(next, lease.durationMs)
    } catch (error) {
      reportSafely(this.settings.onBackgroundError, error)
      return false
    }
    this.#owner = next
    this.#validUntil = started + lease.durationMs
    this.#held = true
    publishLeaseEvent('acquired', this.settings.instanceId)
    this.settings.logger.info({}, 'lease acquired again after a loss')
    return true
  }

  /** Read through a method: `stop()` sets it while a tick awaits the store, which narrowing cannot see. */
  #isStopped(): boolean {
    return this.#stopped
  }

  /**
   * The lease is lost: a `warn`, since other instances may adopt this one's batches now and its
   * launches wait until a new lease is acquired (an `info` says when).
   */
  #lose(reason: string): void {
    this.#held = false
    this.#handOverDue = true
    publishLeaseEvent('lost', this.settings.instanceId)
    this.settings.logger.warn({ reason }, 'lease lost')
  }

  #wakeIfValid(): void {
    if (!this.isValid()) return
    for (const wake of this.#waiters.splice(0)) wake(true)
  }

  #leasing(): { store: NonNullable<Coordination['store']>; lease: NonNullable<Coordination['lease']> } {
    const { store, lease } = this.coordination
    if (store === undefined || lease === undefined) throw new Error('the lease keeper runs without leases')
    return { store, lease }
  }
}

function newOwner(instanceId: string): BatchOwner {
  return { instanceId, token: randomUUID() }
}
