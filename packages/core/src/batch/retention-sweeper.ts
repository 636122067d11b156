import { inject, injectable } from 'inversify'
import { BATCH_LOG_STORE, type BatchLogStore } from '../application/batch-log-store.js'
import { INSTRUMENTED_METADATA_STORE } from '../metastore/instrument-store.js'
import type { MetadataStore } from '../metastore/metadata-store.js'
import { CLOCK, epochMillis, type Clock } from '../ports/clock.js'
import { reportSafely } from '../errors/report-safely.js'
import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'
import { RETENTION_SETTINGS, type RetentionSettings } from './retention-settings.js'

/** Enough statements for millions of rows per sweep; a bound so a sweep always ends. */
const MAX_STATEMENTS_PER_SWEEP = 10_000
/** Log ids looked up in the metastore per query when removing the logs of purged batches. */
const LOG_IDS_PER_QUERY = 100

/**
 * Purges terminal batches older than the retention (`retention.maxAgeMs` after their end time), in
 * bounded statements, on an interval and on demand. Afterwards their ids can be submitted again.
 *
 * Then it removes the logs kept here whose batch is no longer stored: the ones it just purged, and
 * those another instance's sweep (or a host's own delete) purged meanwhile. The purge reports a count
 * only, so the logs are matched against the metastore (their ids looked up 100 at a time), which also
 * catches every log a crash left behind.
 */
@injectable()
export class RetentionSweeper {
  #timer: NodeJS.Timeout | undefined
  #sweeping: Promise<number> | undefined
  #stopped = false

  constructor(
    @inject(INSTRUMENTED_METADATA_STORE) private readonly store: MetadataStore,
    @inject(CLOCK) private readonly clock: Clock,
    @inject(RETENTION_SETTINGS) private readonly config: RetentionSettings,
    @inject(BATCH_LOG_STORE) private readonly logs: BatchLogStore,
  ) {}

  /**
   * Deletes every expired terminal batch now; resolves with how many. Concurrent calls share one sweep.
   * With retention turned off it deletes nothing.
   * @throws BatchgateError `CLOSED` after {@link stop}
   */
  purgeExpired(): Promise<number> {
    if (this.#stopped) {
      return Promise.reject(new BatchgateError(ErrorCode.CLOSED, 'the engine is closed: nothing is purged'))
    }
    this.#sweeping ??= this.#sweep().finally(() => (this.#sweeping = undefined))
    return this.#sweeping
  }

  /** Sweeps every `retention.intervalMs` until {@link stop}; the timer never keeps the process alive. */
  start(): void {
    const retention = this.config.retention
    if (retention === undefined || this.#timer !== undefined) return
    this.#timer = setInterval(() => {
      this.purgeExpired().catch((error: unknown) => {
        reportSafely(this.config.onBackgroundError, error)
      })
    }, retention.intervalMs)
    this.#timer.unref()
  }

  /**
   * Stops the timer and waits for the sweep under way, which ends after its current statement: the
   * engine closes the store and the log store after this, and a sweep still running then would fail
   * on them (reported to `onBackgroundError` on every clean shutdown). Its failure is not this call's:
   * the sweep's caller, or the timer's report, has it.
   */
  async stop(): Promise<void> {
    this.#stopped = true
    clearInterval(this.#timer)
    await this.#sweeping?.catch(() => undefined)
  }

  async #sweep(): Promise<number> {
    const retention = this.config.retention
    if (retention === undefined) return 0
    const endedBefore = epochMillis(this.clock) - retention.maxAgeMs
    let total = 0
    for (let statement = 0; statement < MAX_STATEMENTS_PER_SWEEP && !this.#isStopped(); statement++) {
      const deleted = await this.store.purgeBatches({ endedBefore, limit: retention.batchSize })
      total += deleted
      if (deleted < retention.batchSize) break
    }
    if (!this.#isStopped()) await this.#removeLogsOfPurgedBatches()
    return total
  }

  /** Read through a method: {@link stop} sets it while a sweep awaits, which narrowing cannot see. */
  #isStopped(): boolean {
    return this.#stopped
  }

  async #removeLogsOfPurgedBatches(): Promise<void> {
    const ids = await this.logs.ids()
    for (let start = 0; start < ids.length; start += LOG_IDS_PER_QUERY) {
      const chunk = ids.slice(start, start + LOG_IDS_PER_QUERY)
      // An unreadable row is still a stored batch: its log stays.
      const stored = new Set(
        (await this.store.listBatches({ ids: chunk, limit: chunk.length })).map((batch) => batch.id),
      )
      for (const id of chunk) if (!stored.has(id) && !this.#isStopped()) await this.logs.remove(id)
    }
  }
}
