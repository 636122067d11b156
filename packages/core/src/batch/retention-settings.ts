import type { ServiceIdentifier } from 'inversify'

/**
 * How long terminal batches are kept. Once purged, a batch's id can be submitted again and creates a
 * new batch: `maxAgeMs` is the dedup window for finished batches.
 *
 * @example
 * ```ts
 * await createEngine({ store, retention: { maxAgeMs: 7 * 24 * 3_600_000 } })
 * ```
 */
export interface RetentionConfig {
  /** Terminal batches whose end time is older than this are purged (default 3 days, like Kyuubi). */
  readonly maxAgeMs: number
  /** How often the purge runs (default 10 minutes). */
  readonly intervalMs: number
  /** Rows deleted per statement, so a purge never holds locks long (default 500). */
  readonly batchSize: number
}

/**
 * The settings the `RetentionSweeper` runs with: its slice of the engine's settings.
 *
 * @example
 * ```ts
 * const settings: RetentionSettings = { retention: undefined, onBackgroundError: console.error }
 * ```
 */
export interface RetentionSettings {
  /** Purging of old terminal batches, or `undefined` when the host turned it off. */
  readonly retention: RetentionConfig | undefined
  /** Told about a failed scheduled purge. */
  readonly onBackgroundError: (error: unknown) => void
}

/** The DI token of the {@link RetentionSettings}. */
export const RETENTION_SETTINGS: ServiceIdentifier<RetentionSettings> = Symbol.for(
  '@batchgate/core/RetentionSettings',
)
