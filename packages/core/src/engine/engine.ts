import { inject, injectable } from 'inversify'
import { recoverUnfinishedBatches } from '../batch/batch-recovery.js'
import { BatchService } from '../batch/batch-service.js'
import { LaunchSupervisor } from '../batch/launch-supervisor.js'
import { RetentionSweeper } from '../batch/retention-sweeper.js'
import { INSTRUMENTED_METADATA_STORE } from '../metastore/instrument-store.js'
import type { MetadataStore } from '../metastore/metadata-store.js'
import { OperationManager } from '../operation/operation-manager.js'
import type { OperationService } from '../operation/operation-service.js'
import { SessionManager } from '../session/session-manager.js'
import type { SessionService } from '../session/session-service.js'
import { ENGINE_CONFIG, type EngineConfig } from './engine-config.js'
import { reportSafely } from '../errors/report-safely.js'
import type { RequestContext } from '../batch/batch.js'
import type { InstanceInfo } from '../lease/instance-info.js'
import { validateUser } from '../batch/validate-request.js'
import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'
import { AdoptionSweep } from '../lease/adoption-sweep.js'
import { Coordination } from '../lease/coordination.js'
import { InstanceListing } from '../lease/instance-listing.js'
import { LeaseKeeper } from '../lease/lease-keeper.js'
import { QueueClaimer } from '../lease/queue-claimer.js'
import { takeOverEarlierLives } from '../lease/restart-takeover.js'

/**
 * One batchgate instance: its batch service over one metastore, and its sessions and statement
 * operations (in this instance's memory). Build it with {@link createEngine}
 * (or {@link openEngine} from your own container).
 *
 * @example
 * ```ts
 * const engine = await createEngine({ store: sqliteStore({ filename: './batchgate.db' }) })
 * await engine.batches.submit(request, { user: 'alice' })
 * await engine.close()
 * ```
 */
@injectable()
export class Engine {
  #started: Promise<number> | undefined
  #closing: Promise<void> | undefined
  /** The adoption sweep run at start, which `close()` waits for (it uses the store). */
  #firstSweep: Promise<void> | undefined
  /** Open sessions and run statements in them (with the engine's `statementExecutor`). */
  readonly sessions: SessionService
  /** Read, fetch, cancel and close the statement operations of those sessions. */
  readonly operations: OperationService

  constructor(
    /** Submit, read, list and cancel batches. */
    @inject(BatchService) readonly batches: BatchService,
    @inject(LaunchSupervisor) private readonly launches: LaunchSupervisor,
    @inject(RetentionSweeper) private readonly retention: RetentionSweeper,
    @inject(INSTRUMENTED_METADATA_STORE) private readonly store: MetadataStore,
    @inject(ENGINE_CONFIG) private readonly config: EngineConfig,
    @inject(SessionManager) private readonly sessionManager: SessionManager,
    @inject(OperationManager) private readonly operationManager: OperationManager,
    @inject(Coordination) private readonly coordination: Coordination,
    @inject(LeaseKeeper) private readonly lease: LeaseKeeper,
    @inject(QueueClaimer) private readonly claimer: QueueClaimer,
    @inject(AdoptionSweep) private readonly sweep: AdoptionSweep,
    @inject(InstanceListing) private readonly listing: InstanceListing,
  ) {
    this.sessions = sessionManager
    this.operations = operationManager
  }

  /** This instance's id, as recorded in the `createdBy` of the batches it creates. */
  get instanceId(): string {
    return this.config.instanceId
  }

  /**
   * Whether `user` is one of the host's `admins`: who may see every batch and act as another user (a
   * front checks it before it honours a proxy user a batch's conf names, Kyuubi's proxy privilege).
   *
   * @example
   * ```ts
   * if (proxyUser !== undefined && !engine.isAdmin(user)) respond(403)
   * ```
   */
  isAdmin(user: string): boolean {
    return this.config.admins.has(user)
  }

  /**
   * Starts the background work of an opened engine, once: acquires its lease (with a store that
   * coordinates), takes over the unfinished batches a previous life of this `instanceId` left
   * (resolving with how many), starts renewing the lease (each renewal followed by the adoption sweep)
   * and claiming from the launch queue, watches for cancels made on other instances, and schedules the
   * retention purge and the idle sweeps of sessions and operations. `createEngine` and `openEngine`
   * call it.
   */
  start(): Promise<number> {
    this.#started ??= (async () => {
      const store = this.coordination.store
      await this.lease.acquire()
      const recovered =
        store === undefined
          ? await recoverUnfinishedBatches(this.store, this.launches, this.config)
          : await takeOverEarlierLives(store, this.launches, this.lease, this.config)
      this.lease.start({
        handOver: (owner) => this.launches.handOver(owner),
        renewed: () => this.sweep.run(),
      })
      this.claimer.start()
      // A first sweep now rather than after one renewal interval: it tells the claimer how many peers
      // share the queue (so engines started together do not all fight for its head) and adopts what
      // instances lost while none was watching.
      // Kept in view: `close()` waits for it before closing the store it reads.
      if (store !== undefined) {
        this.#firstSweep = this.sweep.run().catch((error: unknown) => {
          reportSafely(this.config.onBackgroundError, error)
        })
      }
      this.launches.watchCancels()
      this.retention.start()
      this.sessionManager.startSweeping()
      const dbSystem = this.store.dbSystem
      this.config.logger.info(
        dbSystem === undefined ? { recovered } : { recovered, dbSystem },
        'engine started',
      )
      return recovered
    })()
    return this.#started
  }

  /**
   * The engine instances sharing the metastore, as their leases say (admins only): id, lease expiry by
   * the database's clock, whether it is live, and how many batches each runs.
   *
   * @example
   * ```ts
   * const instances = await engine.instances({ user: 'admin' })
   * ```
   * @throws BatchgateError `PERMISSION_DENIED`, `INVALID_OPTIONS` (leases off), `METASTORE_UNAVAILABLE`, `CLOSED`
   */
  async instances(context: RequestContext): Promise<InstanceInfo[]> {
    if (this.#closing !== undefined) throw new BatchgateError(ErrorCode.CLOSED, 'the engine is closed')
    const user = validateUser(context, this.config.limits)
    if (!this.isAdmin(user)) {
      throw new BatchgateError(
        ErrorCode.PERMISSION_DENIED,
        `user ${user} may not list the instances: admins only`,
      )
    }
    return this.listing.instances()
  }

  /** Purges the terminal batches older than the retention now; resolves with how many were deleted. */
  purgeExpiredBatches(): Promise<number> {
    return this.retention.purgeExpired()
  }

  /**
   * Closes the idle sessions and operations now (the engine's timers do it every minute at most): the
   * sessions without a call for `sessions.idleTimeoutMs` (unless an operation of theirs is running or
   * being fetched from), then the ended operations without a call for `operations.idleTimeoutMs`.
   * Resolves with how many of each were closed.
   */
  async closeIdle(): Promise<{ readonly sessions: number; readonly operations: number }> {
    const sessions = await this.sessionManager.closeIdle()
    const operations = await this.operationManager.closeIdle()
    return { sessions: sessions.length, operations: operations.length }
  }

  /**
   * Resolves when every launch this engine started so far has finished and its outcome is stored.
   * Hosts rarely need it; tests and graceful shutdowns do.
   */
  async launchesSettled(): Promise<void> {
    await this.launches.settled()
  }

  /**
   * Refuses new calls, closes every session and operation (aborting the signals of running executors and
   * closing result cursors: they live only in this instance's memory), stops its timers and recording
   * launch outcomes, hands its lease back (so that live instances adopt its unfinished batches at their
   * next sweep), and closes the metastore. Launches still running are not aborted (their jobs
   * outlive a restarting gateway, which recovers them). Idempotent.
   */
  close(): Promise<void> {
    this.#closing ??= this.#close()
    return this.#closing
  }

  async #close(): Promise<void> {
    // Both refuse new calls at once (synchronously), then wait: batch calls under way finish, so a batch
    // whose insert committed is also launched; running statements are aborted, so a synchronous
    // executeStatement under way ends too.
    // The retention sweep under way is waited for too: it uses the store and the log store closed below.
    await Promise.all([
      this.sessionManager.closeAll(),
      this.batches.close(),
      this.retention.stop(),
      this.claimer.stop(),
    ])
    // No renewal after this; whatever waits for a valid lease gives up (writes nothing).
    await this.lease.stop()
    // After the lease stopped: an adoption waiting for a valid lease has been woken and gives up.
    await this.#firstSweep
    await this.launches.close()
    // After the last write: the live instances adopt this one's unfinished batches at their next sweep
    // instead of after the lease's duration (nobody here records their outcomes any more).
    await this.lease.release()
    await this.store.close()
    this.config.logger.info({}, 'engine closed')
  }
}
