import { inject, injectable } from 'inversify'
import type { BatchService } from '../batch/batch-service.js'
import type { LaunchSupervisor } from '../batch/launch-supervisor.js'
import { BATCH_SERVICE, ENGINE_CONFIG, LAUNCH_SUPERVISOR, METADATA_STORE } from '../di/tokens.js'
import type { MetadataStore } from '../metastore/metadata-store.js'
import type { EngineConfig } from './engine-config.js'

/**
 * One batchgate instance: its batch service over one metastore. Build it with {@link createEngine}
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
  #closing: Promise<void> | undefined

  constructor(
    /** Submit and read batches. */
    @inject(BATCH_SERVICE) readonly batches: BatchService,
    @inject(LAUNCH_SUPERVISOR) private readonly launches: LaunchSupervisor,
    @inject(METADATA_STORE) private readonly store: MetadataStore,
    @inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  /** This instance's id, as recorded in the `createdBy` of the batches it creates. */
  get instanceId(): string {
    return this.config.instanceId
  }

  /**
   * Resolves when every launch this engine started so far has finished and its outcome is stored.
   * Hosts rarely need it; tests and graceful shutdowns do.
   */
  async launchesSettled(): Promise<void> {
    await this.launches.settled()
  }

  /**
   * Refuses new calls, stops recording launch outcomes and closes the metastore. Launches still running
   * are not aborted (their jobs outlive a restarting gateway). Idempotent.
   */
  close(): Promise<void> {
    this.#closing ??= this.#close()
    return this.#closing
  }

  async #close(): Promise<void> {
    this.batches.close()
    this.launches.close()
    await this.store.close()
  }
}
