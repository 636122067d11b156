import { inject, injectable } from 'inversify'
import type { ApplicationInfo } from '../application/application-info.js'
import { BATCH_LOG_STORE, type BatchLogStore } from '../application/batch-log-store.js'
import { validateApplicationInfo } from '../application/validate-application-info.js'
import type { BatchRecord, BatchStateChange } from '../metastore/batch-record.js'
import { METADATA_STORE, type MetadataStore } from '../metastore/metadata-store.js'
import { CLOCK, epochMillis, type Clock } from '../ports/clock.js'
import { reportSafely } from '../errors/report-safely.js'
import type { Batch } from './batch.js'
import { BATCH_LAUNCHERS, type LaunchContext, type LauncherRegistry } from './batch-launcher.js'
import { batchFromRecord } from './batch-mapping.js'
import { BatchState } from './batch-state.js'
import { LAUNCH_SETTINGS, type LaunchSettings } from './launch-settings.js'
import { changeState } from './state-changes.js'
import { cutText, thrownMessage } from '../errors/describe-value.js'

/** Long enough for a stack-less message, short enough for any store's text column. */
const MAX_DIAGNOSTIC_LENGTH = 8 * 1024

type Attend = (batch: Batch, context: LaunchContext) => Promise<void>

/**
 * Runs the launchers of the batches this instance owns and persists PENDING → RUNNING → FINISHED |
 * ERROR. Every move is a checked compare-and-set on the stored state, so a batch another party has
 * already moved (cancelled on another instance, say) is never moved back. It also watches the
 * metastore for cancels of the batches running here and aborts their launchers' signals.
 *
 * After `close()` outcomes are no longer written (the store is gone): such a batch stays RUNNING in
 * the metastore, as after a crash, until the instance restarts and recovers it.
 *
 * Each launch gets its {@link LaunchContext}: the cancel signal, `reportApplication` (a compare-and-set
 * of the application fields while the batch is RUNNING) and `log` (into the engine's batch log store,
 * until the launcher settles; its pending lines are written before the outcome is recorded).
 */
@injectable()
export class LaunchSupervisor {
  readonly #settling = new Set<Promise<void>>()
  /** The batches whose launcher runs on this instance now. */
  readonly #running = new Map<string, AbortController>()
  /** State changes on their way to the store, which `close()` waits for. */
  readonly #writing = new Set<Promise<boolean>>()
  #watch: NodeJS.Timeout | undefined
  #closed = false

  constructor(
    @inject(METADATA_STORE) private readonly store: MetadataStore,
    @inject(CLOCK) private readonly clock: Clock,
    @inject(BATCH_LAUNCHERS) private readonly launchers: LauncherRegistry,
    @inject(LAUNCH_SETTINGS) private readonly config: LaunchSettings,
    @inject(BATCH_LOG_STORE) private readonly logs: BatchLogStore,
  ) {}

  /** Launches a PENDING batch in the background, if this instance claims it (PENDING → RUNNING). */
  start(record: BatchRecord): void {
    const launcher = this.launchers.get(record.batchType)
    if (launcher === undefined) return
    this.#track(record.id, async (controller) => {
      const startTime = epochMillis(this.clock)
      const claimed = await this.#write(record.id, {
        from: BatchState.PENDING,
        to: BatchState.RUNNING,
        startTime,
      })
      if (!claimed) return
      // A log left by an earlier batch of this id (purged, then its id submitted again) is not this one's.
      await this.logs.remove(record.id).catch((error: unknown) => {
        reportSafely(this.config.onBackgroundError, error)
      })
      await this.#attend(
        { ...record, state: BatchState.RUNNING, startTime },
        launcher.launch.bind(launcher),
        controller,
      )
    })
  }

  /**
   * Takes over a batch that was RUNNING when this instance stopped: through the launcher's `recover`
   * when it has one, otherwise the batch ends ERROR, since nobody knows its outcome.
   */
  resume(record: BatchRecord): void {
    const launcher = this.launchers.get(record.batchType)
    this.#track(record.id, async (controller) => {
      if (launcher?.recover !== undefined) {
        await this.#attend(record, launcher.recover.bind(launcher), controller)
        return
      }
      await this.#write(record.id, {
        from: BatchState.RUNNING,
        to: BatchState.ERROR,
        endTime: epochMillis(this.clock),
        diagnostic:
          `engine instance ${this.config.instanceId} restarted while the batch was running, and its launcher ` +
          'cannot recover batches: the outcome of the job is unknown',
      })
    })
  }

  /** Aborts the launcher of a batch running on this instance; a no-op for other batches. */
  abort(id: string, reason: string): void {
    this.#running.get(id)?.abort(new Error(reason))
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
    while (this.#writing.size > 0) await Promise.allSettled(this.#writing)
    await this.logs.close()
  }

  /**
   * A checked state change, kept in view until written; after `close()` nothing more is written (the
   * change is reported as not made), so no write races the store's closing.
   */
  #write(id: string, change: BatchStateChange): Promise<boolean> {
    return this.#tracked(() => changeState(this.store, id, change))
  }

  /** A launcher's report of its application: checked, then a compare-and-set on RUNNING (see LaunchContext). */
  async #report(id: string, info: ApplicationInfo): Promise<boolean> {
    const checked = validateApplicationInfo(info)
    return this.#tracked(() => this.store.updateApplication(id, { from: BatchState.RUNNING, info: checked }))
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

  /** Calls the launcher of a RUNNING batch and records how it settled. */
  async #attend(running: BatchRecord, attend: Attend, controller: AbortController): Promise<void> {
    // Cancelled while this instance was claiming it: the batch is CANCELED already; never start the job.
    if (controller.signal.aborted) return
    let diagnostic: string | undefined
    let attending = true
    const context: LaunchContext = {
      signal: controller.signal,
      reportApplication: (info) => this.#report(running.id, info),
      log: (line) => {
        // A stray callback of a settled launcher must not grow a finished batch's log.
        if (!attending) return
        this.logs.append(running.id, logText(line))
      },
    }
    try {
      // Wrapped so that a launcher throwing synchronously is an ERROR like any rejection.
      await Promise.resolve().then(() => attend(batchFromRecord(running), context))
    } catch (error) {
      diagnostic = describeFailure(error)
    }
    attending = false
    // The log is complete before the outcome is visible, so a client seeing FINISHED reads every line.
    await this.logs.finish(running.id)
    // A cancelled batch is already CANCELED, so this compare-and-set finds RUNNING gone and does nothing.
    await this.#write(running.id, {
      from: BatchState.RUNNING,
      to: diagnostic === undefined ? BatchState.FINISHED : BatchState.ERROR,
      endTime: epochMillis(this.clock),
      ...(diagnostic === undefined ? {} : { diagnostic }),
    })
  }

  /**
   * Runs background work for one batch. Its abort controller is registered before the work starts, so
   * a cancel arriving while this instance claims the batch already reaches the launch.
   */
  #track(id: string, work: (controller: AbortController) => Promise<void>): void {
    if (this.#closed) return
    const controller = new AbortController()
    this.#running.set(id, controller)
    const run = work(controller)
      .catch((error: unknown) => {
        reportSafely(this.config.onBackgroundError, error)
      })
      .finally(() => {
        if (this.#running.get(id) === controller) this.#running.delete(id)
      })
    this.#settling.add(run)
    void run.finally(() => this.#settling.delete(run))
  }

  /** Read through a method: the flag changes while a launcher runs, which narrowing cannot see. */
  #isClosed(): boolean {
    return this.#closed
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
