import { inject, injectable } from 'inversify'
import type { ApplicationInfo } from '../application/application-info.js'
import { BATCH_LOG_STORE, type BatchLogStore } from '../application/batch-log-store.js'
import { validateApplicationInfo } from '../application/validate-application-info.js'
import type { BatchOwner, CoordinatedMetadataStore } from '../metastore/coordination-store.js'
import type { BatchRecord, BatchStateChange } from '../metastore/batch-record.js'
import { INSTRUMENTED_METADATA_STORE } from '../metastore/instrument-store.js'
import type { MetadataStore } from '../metastore/metadata-store.js'
import { CLOCK, epochMillis, type Clock } from '../ports/clock.js'
import { reportSafely } from '../errors/report-safely.js'
import { Coordination } from '../lease/coordination.js'
import { LaunchSlots } from '../lease/launch-slots.js'
import { LeaseKeeper } from '../lease/lease-keeper.js'
import { adoptedElsewhere, unknownOutcome } from '../lease/lease-diagnostics.js'
import type { AttendedLaunch, LaunchReservation } from './attended-launch.js'
import {
  BATCH_LAUNCHERS,
  type BatchLauncher,
  type LaunchContext,
  type LauncherRegistry,
} from './batch-launcher.js'
import { BatchState } from './batch-state.js'
import { LAUNCH_SETTINGS, type LaunchSettings } from './launch-settings.js'
import { changeState } from './state-changes.js'
import { cutText, thrownMessage } from '../errors/describe-value.js'
import { launchChannel, type LaunchMessage, type LaunchMode } from '../diagnostics/launch-channel.js'
import { callLauncher, launchOutcome, tracedLauncherCall, type LauncherMethod } from './launcher-call.js'

/** Long enough for a stack-less message, short enough for any store's text column. */
const MAX_DIAGNOSTIC_LENGTH = 8 * 1024

const NO_SLOT = (): void => undefined
const NO_RESERVATION = { release: NO_SLOT, handOff: () => NO_SLOT }

/**
 * Runs the launchers of the batches this instance owns and persists PENDING → RUNNING → FINISHED |
 * ERROR. Every move is a checked compare-and-set on the stored state, so a batch another party has
 * already moved (cancelled on another instance, say) is never moved back. It also watches the
 * metastore for cancels of the batches running here and aborts their launchers' signals.
 *
 * With a store that coordinates, every batch it attends is owned under this instance's lease token and
 * every write it makes carries that token (fencing: once another instance took the batch over, the
 * write changes nothing); it takes a launch slot (`maxRunningBatches`) for each; it claims batches from
 * the launch queue and adopts RUNNING ones of lost instances for the queue claimer and the adoption
 * sweep; and it calls a launcher only while the lease is valid. After a lost lease it moves each batch
 * it attends to its new token ({@link handOver}), or aborts that launch's signal and writes nothing
 * where another instance took the batch over meanwhile.
 *
 * After `close()` outcomes are no longer written (the store is gone): such a batch stays RUNNING in
 * the metastore, as after a crash, until the instance restarts or another one adopts it.
 *
 * Each launch gets its {@link LaunchContext}: the cancel signal, `reportApplication` (a compare-and-set
 * of the application fields while the batch is RUNNING) and `log` (into the engine's batch log store,
 * until the launcher settles; its pending lines are written before the outcome is recorded).
 */
@injectable()
export class LaunchSupervisor {
  readonly #settling = new Set<Promise<void>>()
  /** The batches this instance attends now. */
  readonly #running = new Map<string, AttendedLaunch>()
  /** State changes on their way to the store, which `close()` waits for. */
  readonly #writing = new Set<Promise<boolean>>()
  /** Claims and transfers under way, which a lost lease's hand-over waits for. */
  readonly #acquiring = new Set<Promise<boolean>>()
  #watch: NodeJS.Timeout | undefined
  #closed = false

  constructor(
    @inject(INSTRUMENTED_METADATA_STORE) private readonly store: MetadataStore,
    @inject(CLOCK) private readonly clock: Clock,
    @inject(BATCH_LAUNCHERS) private readonly launchers: LauncherRegistry,
    @inject(LAUNCH_SETTINGS) private readonly config: LaunchSettings,
    @inject(BATCH_LOG_STORE) private readonly logs: BatchLogStore,
    @inject(Coordination) private readonly coordination: Coordination,
    @inject(LeaseKeeper) private readonly lease: LeaseKeeper,
    @inject(LaunchSlots) private readonly slots: LaunchSlots,
  ) {}

  /** Whether this instance has a launcher for `batchType` (so it may claim or take over such batches). */
  launches(batchType: string): boolean {
    return this.launchers.get(batchType) !== undefined
  }

  /** How many batches this instance attends (each takes a launch slot). */
  get attending(): number {
    return this.slots.taken
  }

  /**
   * The owner a new batch of `batchType` is inserted with: without coordination (or without a
   * launcher for it, so the host runs it) this instance as before; with a free slot and a valid lease,
   * this instance under its token, the slot reserved; otherwise nobody: the batch waits in the queue.
   */
  reserve(batchType: string): LaunchReservation {
    const instanceId = this.config.instanceId
    if (this.coordination.store === undefined || this.launchers.get(batchType) === undefined) {
      return { ownerInstance: instanceId, ownerToken: null, ...NO_RESERVATION }
    }
    if (!this.lease.isValid() || !this.slots.take()) {
      return { ownerInstance: null, ownerToken: null, ...NO_RESERVATION }
    }
    return { ownerInstance: instanceId, ownerToken: this.lease.owner.token, ...reservedSlot(this.slots) }
  }

  /**
   * Launches a batch just inserted, in the background, if this instance claims it (PENDING → RUNNING).
   * A batch inserted into the queue (no owner) is left to the queue claimer.
   */
  start(record: BatchRecord, reservation: LaunchReservation): void {
    const launcher = this.launchers.get(record.batchType)
    if (launcher === undefined) return
    const store = this.coordination.store
    if (store === undefined) {
      this.#run(this.#register(record.id, undefined, reservation.handOff()), async (launch) => {
        const startTime = epochMillis(this.clock)
        const claimed = await this.#write(launch, {
          from: BatchState.PENDING,
          to: BatchState.RUNNING,
          startTime,
        })
        if (claimed) await this.#launch(launch, { ...record, state: BatchState.RUNNING, startTime }, launcher)
      })
      return
    }
    if (reservation.ownerToken === null) return
    this.#run(this.#register(record.id, reservation.ownerToken, reservation.handOff()), async (launch) => {
      const running = await this.#claimOwn(store, launch, record)
      if (running !== undefined) await this.#launch(launch, running, launcher)
    })
  }

  /**
   * Claims a batch of the launch queue (PENDING, owned by nobody, or by a creator that did not go on)
   * if a slot is free, and launches it in the background; resolves whether this instance claimed it.
   */
  async claimQueued(record: BatchRecord): Promise<boolean> {
    const launcher = this.launchers.get(record.batchType)
    const store = this.coordination.store
    if (launcher === undefined || store === undefined || this.#running.has(record.id)) return false
    if (!this.slots.take()) return false
    const launch = this.#register(record.id, undefined, once(this.slots).release)
    const startTime = epochMillis(this.clock)
    const owner = await this.#acquire((current) =>
      store.claimBatch(record.id, { expectedOwnerToken: record.ownerToken, owner: current, startTime }),
    ).catch((error: unknown) => {
      this.#unregister(launch)
      throw error
    })
    if (owner === undefined) {
      this.#unregister(launch)
      return false
    }
    launch.ownerToken = owner.token
    const running = { ...record, ...ownedBy(owner), state: BatchState.RUNNING, startTime }
    this.#run(launch, () => this.#launch(launch, running, launcher))
    return true
  }

  /**
   * Takes over a RUNNING batch owned under `fromToken` (a lost lease, an earlier life of this
   * instance, an admin's reassign): moves it to this instance by compare-and-set, then hands it to its
   * launcher's `recover`, or ends it ERROR saying `what` happened (nobody knows the job's outcome).
   * `force` takes a slot even when none is free. Resolves whether this instance took it.
   */
  async adopt(record: BatchRecord, fromToken: string | null, what: string, force = false): Promise<boolean> {
    const store = this.coordination.store
    const fromInstance = record.ownerInstance
    if (store === undefined || fromInstance === null || this.#running.has(record.id)) return false
    if (!this.slots.take(force)) return false
    const launch = this.#register(record.id, undefined, once(this.slots).release)
    const owner = await this.#acquire((to) =>
      store.transferBatch(record.id, { fromInstance, fromToken, to, states: [BatchState.RUNNING] }),
    ).catch((error: unknown) => {
      this.#unregister(launch)
      throw error
    })
    if (owner === undefined) {
      this.#unregister(launch)
      return false
    }
    launch.ownerToken = owner.token
    this.#run(launch, () => this.#recover(launch, { ...record, ...ownedBy(owner) }, what))
    return true
  }

  /**
   * Takes over a batch that was RUNNING when this instance stopped (without coordination: found by
   * `createdBy`): through the launcher's `recover` when it has one, otherwise the batch ends ERROR,
   * since nobody knows its outcome.
   */
  resume(record: BatchRecord): void {
    this.#run(
      this.#register(record.id, undefined, () => undefined),
      (launch) => this.#recover(launch, record, `engine instance ${this.config.instanceId} restarted`),
    )
  }

  /**
   * After a lost lease, before anything else launches: moves every batch this instance attends under
   * an old token to `current` (a compare-and-set from the old token); where that fails, another
   * instance has taken the batch over, so its launch's signal is aborted and nothing more is written
   * for it. Rejects (to be tried again) when the store fails; the batches moved so far stay moved.
   */
  async handOver(current: BatchOwner): Promise<void> {
    const store = this.coordination.store
    if (store === undefined) return
    // A claim or adoption under way decides its token first (it started before the loss was seen).
    while (this.#acquiring.size > 0) await Promise.allSettled(this.#acquiring)
    for (const launch of this.#running.values()) {
      const fromToken = launch.ownerToken
      if (launch.fenced || fromToken === undefined || fromToken === current.token) continue
      const moved = await store.transferBatch(launch.id, {
        fromInstance: current.instanceId,
        fromToken,
        to: current,
        states: [BatchState.PENDING, BatchState.RUNNING],
      })
      if (moved) {
        launch.ownerToken = current.token
        continue
      }
      launch.fenced = true
      launch.controller.abort(new Error(adoptedElsewhere(current.instanceId, launch.id)))
    }
  }

  /** Aborts the launcher of a batch running on this instance; a no-op for other batches. */
  abort(id: string, reason: string): void {
    this.#running.get(id)?.controller.abort(new Error(reason))
  }

  /** Starts polling the metastore for cancels of the batches running here (made on other instances). */
  watchCancels(): void {
    if (this.#watch !== undefined || this.#closed) return
    this.#watch = setInterval(() => {
      this.#pollCancels().catch((error: unknown) => {
        reportSafely(this.config.onBackgroundError, error)
      })
    }, this.config.cancelPollIntervalMs)
    this.#watch.unref()
  }

  /** Waits until every launch started so far has settled and its outcome is recorded. */
  async settled(): Promise<void> {
    while (this.#settling.size > 0) await Promise.all(this.#settling)
  }

  /** Stops recording outcomes and watching; launches already running are left alone. */
  async close(): Promise<void> {
    this.#closed = true
    clearInterval(this.#watch)
    // A claim or outcome being written must reach the store before the engine closes it.
    while (this.#writing.size > 0 || this.#acquiring.size > 0) {
      await Promise.allSettled([...this.#writing, ...this.#acquiring])
    }
    await this.logs.close()
  }

  /** Claims a batch this instance inserted as its own (the submission's reserved slot); the RUNNING row. */
  async #claimOwn(
    store: CoordinatedMetadataStore,
    launch: AttendedLaunch,
    record: BatchRecord,
  ): Promise<BatchRecord | undefined> {
    const startTime = epochMillis(this.clock)
    for (;;) {
      const expected = launch.ownerToken
      if (expected === undefined) return undefined
      const owner = await this.#acquire(async (current) => {
        // The lease was lost since the insert: the row moves to the new token first (unless taken).
        if (expected !== current.token) {
          const moved = await store.transferBatch(record.id, {
            fromInstance: current.instanceId,
            fromToken: expected,
            to: current,
            states: [BatchState.PENDING],
          })
          if (!moved) return false
          launch.ownerToken = current.token
        }
        return store.claimBatch(record.id, { expectedOwnerToken: current.token, owner: current, startTime })
      })
      if (owner !== undefined) return { ...record, ...ownedBy(owner), state: BatchState.RUNNING, startTime }
      // A hand-over moved it to a new token while the claim was on its way: claim it under that one.
      if (isFenced(launch) || launch.ownerToken === expected) return undefined
    }
  }

  /**
   * Runs a claim or transfer to this instance's current owner once the lease is valid, kept in view for
   * the hand-over and `close()`; the owner it was made for, or `undefined` when it was not made.
   */
  async #acquire(make: (owner: BatchOwner) => Promise<boolean>): Promise<BatchOwner | undefined> {
    // Synchronous when valid, so a claim issued by a submission is under way before `submit` returns.
    if (!this.lease.isValid() && !(await this.lease.whenValid())) return undefined
    if (this.#isClosed()) return undefined
    const owner = this.lease.owner
    const making = make(owner)
    this.#acquiring.add(making)
    const forget = (): void => {
      this.#acquiring.delete(making)
    }
    making.then(forget, forget)
    return (await making) ? owner : undefined
  }

  /** A batch claimed by this instance (RUNNING, owned here): its old log removed, its launcher called. */
  async #launch(launch: AttendedLaunch, running: BatchRecord, launcher: BatchLauncher): Promise<void> {
    // A log left by an earlier batch of this id (purged, then its id submitted again) is not this one's.
    await this.logs.remove(running.id).catch((error: unknown) => {
      reportSafely(this.config.onBackgroundError, error)
    })
    await this.#attend(launch, running, 'launch', launcher.launch.bind(launcher))
  }

  /** A RUNNING batch taken over: its launcher's `recover`, or ERROR saying `what` happened. */
  async #recover(launch: AttendedLaunch, record: BatchRecord, what: string): Promise<void> {
    const launcher = this.launchers.get(record.batchType)
    if (launcher?.recover !== undefined) {
      await this.#attend(launch, record, 'recover', launcher.recover.bind(launcher))
      return
    }
    await this.#write(launch, {
      from: BatchState.RUNNING,
      to: BatchState.ERROR,
      endTime: epochMillis(this.clock),
      diagnostic: unknownOutcome(what),
    })
  }

  /**
   * A checked state change, kept in view until written; after `close()` nothing more is written (the
   * change is reported as not made), so no write races the store's closing. With coordination it is
   * an owner's write: fenced by the launch's token, made only while the lease is valid, and made again
   * under the new token when a lost lease's hand-over moved the batch meanwhile.
   */
  #write(launch: AttendedLaunch, change: BatchStateChange): Promise<boolean> {
    return this.#ownerWrite(launch, (ownerToken) =>
      changeState(this.store, launch.id, ownerToken === undefined ? change : { ...change, ownerToken }),
    )
  }

  /** A launcher's report of its application: checked, then a compare-and-set on RUNNING (see LaunchContext). */
  async #report(launch: AttendedLaunch, info: ApplicationInfo): Promise<boolean> {
    const checked = validateApplicationInfo(info)
    return this.#ownerWrite(launch, (ownerToken) =>
      this.store.updateApplication(launch.id, {
        from: BatchState.RUNNING,
        info: checked,
        ...(ownerToken === undefined ? {} : { ownerToken }),
      }),
    )
  }

  #ownerWrite(
    launch: AttendedLaunch,
    write: (ownerToken: string | undefined) => Promise<boolean>,
  ): Promise<boolean> {
    if (this.coordination.store === undefined) return this.#tracked(() => write(undefined))
    return this.#tracked(async () => {
      for (;;) {
        if (!this.lease.isValid() && !(await this.lease.whenValid())) return false
        if (launch.fenced || this.#isClosed()) return false
        const token = launch.ownerToken
        const written = await write(token)
        if (written || isFenced(launch)) return written
        // Not a hand-over (same token, lease valid): the batch left RUNNING (cancelled, say).
        if (this.lease.isValid() && launch.ownerToken === token) return false
      }
    })
  }

  /** A write kept in view until done, which `close()` waits for; after `close()` it is not made (false). */
  #tracked(write: () => Promise<boolean>): Promise<boolean> {
    if (this.#isClosed()) return Promise.resolve(false)
    const writing = write()
    this.#writing.add(writing)
    void writing.then(
      () => this.#writing.delete(writing),
      () => this.#writing.delete(writing),
    )
    return writing
  }

  async #pollCancels(): Promise<void> {
    const ids = [...this.#running.keys()]
    if (ids.length === 0 || this.#closed) return
    const canceled = await this.store.listBatches({ ids, states: [BatchState.CANCELED], limit: ids.length })
    // A row that cannot be decoded is listed too: its state column matched CANCELED, which is all that counts here.
    for (const batch of canceled) this.abort(batch.id, 'the batch was cancelled')
  }

  /**
   * Calls the launcher of a RUNNING batch (inside the `batchgate:launch` tracing channel when it has
   * subscribers) and records how it settled.
   */
  async #attend(
    launch: AttendedLaunch,
    running: BatchRecord,
    mode: LaunchMode,
    method: LauncherMethod,
  ): Promise<void> {
    // Never a launcher call without a valid lease: the batch may be another instance's by now.
    if (this.coordination.store !== undefined && !this.lease.isValid() && !(await this.lease.whenValid()))
      return
    // Cancelled while this instance was claiming it (the batch is CANCELED already), or taken over
    // after a lost lease: never start the job.
    const { controller } = launch
    if (controller.signal.aborted || launch.fenced) return
    let diagnostic: string | undefined
    let attending = true
    const context: LaunchContext = {
      signal: controller.signal,
      reportApplication: (info) => this.#report(launch, info),
      log: (line) => {
        // A stray callback of a settled launcher must not grow a finished batch's log.
        if (!attending) return
        this.logs.append(running.id, logText(line))
      },
    }
    try {
      await (launchChannel.hasSubscribers
        ? tracedLauncherCall(this.#launchMessage(running, mode), launch, () =>
            callLauncher(method, running, context),
          )
        : callLauncher(method, running, context))
    } catch (error) {
      diagnostic = describeFailure(error)
    }
    attending = false
    this.#logSettled(launch, running, mode, diagnostic !== undefined)
    // The log is complete before the outcome is visible, so a client seeing FINISHED reads every line.
    await this.logs.finish(running.id)
    // A cancelled batch is already CANCELED, so this compare-and-set finds RUNNING gone and does nothing;
    // a batch taken over by another instance is fenced: nothing is written.
    await this.#write(launch, {
      from: BatchState.RUNNING,
      to: diagnostic === undefined ? BatchState.FINISHED : BatchState.ERROR,
      endTime: epochMillis(this.clock),
      ...(diagnostic === undefined ? {} : { diagnostic }),
    })
  }

  #launchMessage(running: BatchRecord, mode: LaunchMode): LaunchMessage {
    return {
      instanceId: this.config.instanceId,
      batchId: running.id,
      batchType: running.batchType,
      mode,
      outcome: undefined,
    }
  }

  /**
   * A failed launch is a `warn`: the gateway cannot tell a user's failing job from a broken launcher
   * or cluster (a missing spark-submit, an unreachable resource manager), and a run of these is often
   * the first sign of the latter, which an operator must see. Not an `error`: the failure is recorded
   * (the batch ends ERROR) and its submitter reads the diagnostic through the API; `error` is for
   * failures nobody else is told about. The diagnostic itself is never logged: it may quote a command
   * line's secrets. Cancelled and taken-over launches are expected, so `debug` like finished ones.
   */
  #logSettled(launch: AttendedLaunch, running: BatchRecord, mode: LaunchMode, rejected: boolean): void {
    const outcome = launchOutcome(launch, rejected)
    const { logger } = this.config
    if (outcome === 'failed') {
      logger.warn({ batchId: running.id, batchType: running.batchType, mode }, 'batch launch failed')
    } else if (logger.debug !== undefined) {
      // Built only for a logger with debug lines (the quiet default has none).
      logger.debug(
        { batchId: running.id, batchType: running.batchType, mode, outcome },
        'batch launch settled',
      )
    }
  }

  /**
   * Registers a batch this instance attends (or is about to claim): its abort controller exists before
   * any claim is made, so a cancel arriving while this instance claims the batch already reaches it.
   */
  #register(id: string, ownerToken: string | undefined, releaseSlot: () => void): AttendedLaunch {
    const launch: AttendedLaunch = {
      id,
      controller: new AbortController(),
      ownerToken,
      fenced: false,
      releaseSlot,
    }
    this.#running.set(id, launch)
    return launch
  }

  #unregister(launch: AttendedLaunch): void {
    if (this.#running.get(launch.id) === launch) this.#running.delete(launch.id)
    launch.releaseSlot()
  }

  /** Runs background work for one registered batch; its slot is given back when it settles. */
  #run(launch: AttendedLaunch, work: (launch: AttendedLaunch) => Promise<void>): void {
    if (this.#closed) {
      this.#unregister(launch)
      return
    }
    const run = work(launch)
      .catch((error: unknown) => {
        reportSafely(this.config.onBackgroundError, error)
      })
      .finally(() => {
        this.#unregister(launch)
      })
    this.#settling.add(run)
    void run.finally(() => this.#settling.delete(run))
  }

  /** Read through a method: the flag changes while a launcher runs, which narrowing cannot see. */
  #isClosed(): boolean {
    return this.#closed
  }
}

/** Read through a function: a hand-over fences a launch while its write is on its way, which narrowing cannot see. */
function isFenced(launch: AttendedLaunch): boolean {
  return launch.fenced
}

/** The fields of a row owned by `owner`. */
function ownedBy(owner: BatchOwner): Pick<BatchRecord, 'ownerInstance' | 'ownerToken'> {
  return { ownerInstance: owner.instanceId, ownerToken: owner.token }
}

/** A slot taken for a submission: given back by `release`, or handed to the launch by `handOff`. */
function reservedSlot(slots: LaunchSlots): Pick<LaunchReservation, 'release' | 'handOff'> {
  let reserved = true
  return {
    release: () => {
      if (!reserved) return
      reserved = false
      slots.release()
    },
    handOff: () => {
      if (!reserved) return NO_SLOT
      reserved = false
      return once(slots).release
    },
  }
}

/** A slot's release that gives it back once, however often it is called. */
function once(slots: LaunchSlots): { release: () => void } {
  let held = true
  return {
    release: () => {
      if (!held) return
      held = false
      slots.release()
    },
  }
}

function describeFailure(error: unknown): string {
  const message = thrownMessage(error)
  const text = message === '' ? 'the launcher failed without a message' : message
  return cutText(text, MAX_DIAGNOSTIC_LENGTH)
}

/** A launcher's log argument as text: a JavaScript launcher may pass anything, and `log` never throws. */
function logText(line: unknown): string {
  if (typeof line === 'string') return line
  try {
    return String(line)
  } catch {
    return '[a value that cannot be shown as text]'
  }
}
