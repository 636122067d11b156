import { inject, injectable } from 'inversify'
import { METADATA_STORE, type MetadataStore } from '../metastore/metadata-store.js'
import { CLOCK, epochMillis, type Clock } from '../ports/clock.js'
import { reportSafely } from '../errors/report-safely.js'
import { RETENTION_SETTINGS, type RetentionSettings } from './retention-settings.js'

/** Enough statements for millions of rows per sweep; a bound so a sweep always ends. */
const MAX_STATEMENTS_PER_SWEEP = 10_000

/**
 * Purges terminal batches older than the retention (`retention.maxAgeMs` after their end time), in
 * bounded statements, on an interval and on demand. Afterwards their ids can be submitted again.
 */
@injectable()
export class RetentionSweeper {
  #timer: NodeJS.Timeout | undefined
  #sweeping: Promise<number> | undefined

  constructor(
    @inject(METADATA_STORE) private readonly store: MetadataStore,
    @inject(CLOCK) private readonly clock: Clock,
    @inject(RETENTION_SETTINGS) private readonly config: RetentionSettings,
  ) {}

  /**
   * Deletes every expired terminal batch now; resolves with how many. Concurrent calls share one sweep.
   * With retention turned off it deletes nothing.
   */
  purgeExpired(): Promise<number> {
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

  stop(): void {
    clearInterval(this.#timer)
  }

  async #sweep(): Promise<number> {
    const retention = this.config.retention
    if (retention === undefined) return 0
    const endedBefore = epochMillis(this.clock) - retention.maxAgeMs
    let total = 0
    for (let statement = 0; statement < MAX_STATEMENTS_PER_SWEEP; statement++) {
      const deleted = await this.store.purgeBatches({ endedBefore, limit: retention.batchSize })
      total += deleted
      if (deleted < retention.batchSize) break
    }
    return total
  }
}
