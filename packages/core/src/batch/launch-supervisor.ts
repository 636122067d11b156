import { inject, injectable } from 'inversify'
import { BATCH_LAUNCHERS, CLOCK, ENGINE_CONFIG, METADATA_STORE, type LauncherRegistry } from '../di/tokens.js'
import type { EngineConfig } from '../engine/engine-config.js'
import type { BatchRecord } from '../metastore/batch-record.js'
import type { MetadataStore } from '../metastore/metadata-store.js'
import type { Clock } from '../ports/clock.js'
import { batchFromRecord } from './batch-mapping.js'
import { BatchState } from './batch-state.js'

/** Long enough for a stack-less message, short enough for any store's text column. */
const MAX_DIAGNOSTIC_LENGTH = 8 * 1024

/**
 * Runs the launcher of each batch this instance created and persists PENDING → RUNNING →
 * FINISHED | ERROR. Every move is a compare-and-set on the stored state, so a batch another party has
 * already moved (cancelled, recovered) is never moved back.
 *
 * After `close()` outcomes are no longer written (the store is gone): such a batch stays RUNNING in
 * the metastore, as it would after a crash.
 */
@injectable()
export class LaunchSupervisor {
  readonly #running = new Set<Promise<void>>()
  #closed = false

  constructor(
    @inject(METADATA_STORE) private readonly store: MetadataStore,
    @inject(CLOCK) private readonly clock: Clock,
    @inject(BATCH_LAUNCHERS) private readonly launchers: LauncherRegistry,
    @inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  /** Starts the launch of a freshly committed batch in the background. */
  start(record: BatchRecord): void {
    const launcher = this.launchers.get(record.batchType)
    if (launcher === undefined || this.#closed) return
    const run = this.#run(record, launcher).catch((error: unknown) => {
      this.config.onBackgroundError(error)
    })
    this.#running.add(run)
    void run.finally(() => this.#running.delete(run))
  }

  /** Waits until every launch started so far has settled and its outcome is recorded. */
  async settled(): Promise<void> {
    while (this.#running.size > 0) await Promise.all(this.#running)
  }

  /** Stops recording outcomes; launches already running are left alone. */
  close(): void {
    this.#closed = true
  }

  #isClosed(): boolean {
    return this.#closed
  }

  async #run(record: BatchRecord, launcher: NonNullable<ReturnType<LauncherRegistry['get']>>): Promise<void> {
    const startTime = this.clock.now()
    const claimed = await this.store.updateBatchState(record.id, {
      from: BatchState.PENDING,
      to: BatchState.RUNNING,
      startTime,
    })
    if (!claimed || this.#closed) return
    const controller = new AbortController()
    const running = batchFromRecord({ ...record, state: BatchState.RUNNING, startTime })
    let diagnostic: string | undefined
    try {
      // Wrapped so that a launcher throwing synchronously is an ERROR like any rejection.
      await Promise.resolve().then(() => launcher.launch(running, { signal: controller.signal }))
    } catch (error) {
      diagnostic = describeFailure(error)
    }
    // The engine may have closed while the launcher ran; its store is gone then.
    if (this.#isClosed()) return
    await this.store.updateBatchState(record.id, {
      from: BatchState.RUNNING,
      to: diagnostic === undefined ? BatchState.FINISHED : BatchState.ERROR,
      endTime: this.clock.now(),
      ...(diagnostic === undefined ? {} : { diagnostic }),
    })
  }
}

function describeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const text = message === '' ? 'the launcher failed without a message' : message
  return text.length > MAX_DIAGNOSTIC_LENGTH ? `${text.slice(0, MAX_DIAGNOSTIC_LENGTH)}…` : text
}
