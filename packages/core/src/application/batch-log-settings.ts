/**
 * How an engine keeps batch logs (`EngineOptions.batchLogs`). With a `directory`, one file per batch
 * under it (`<batch id>.log`, created with mode 0600 in a directory created with mode 0700); without
 * one, in this process's memory. Omitted fields keep their defaults.
 *
 * @example
 * ```ts
 * await createEngine({ store, batchLogs: { directory: '/var/lib/batchgate/logs', maxLines: 50_000 } })
 * ```
 */
export interface BatchLogOptions {
  /** Where the log files go; omitted: logs are kept in memory. */
  readonly directory?: string | undefined
  /**
   * With a `directory` every instance mounts (a network file system): any instance serves any batch's
   * log from it, instead of answering `BATCH_LOG_NOT_LOCAL` for batches another instance runs
   * (default false). Requires `directory`.
   */
  readonly shared?: boolean | undefined
  /** The newest lines kept per batch; older ones are dropped, leaving a marker (default 10 000, 1 000 in memory). */
  readonly maxLines?: number | undefined
  /** A longer line is cut to this many UTF-8 bytes, ending in `…` (default 4096, at least 16). */
  readonly maxLineBytes?: number | undefined
  /**
   * In memory only: the logs kept at most; the one written least recently goes first (default 100).
   * Memory is then bounded by `maxBatches × maxLines × maxLineBytes`.
   */
  readonly maxBatches?: number | undefined
}

/** {@link BatchLogOptions} with defaults applied and checked. */
export interface BatchLogSettings {
  readonly directory: string | undefined
  readonly shared: boolean
  readonly maxLines: number
  readonly maxLineBytes: number
  readonly maxBatches: number
}

/** The defaults of {@link BatchLogOptions}. */
export const BATCH_LOG_DEFAULTS = {
  fileMaxLines: 10_000,
  memoryMaxLines: 1_000,
  maxLineBytes: 4096,
  maxBatches: 100,
} as const

/** The smallest `maxLineBytes`: room for a few characters and the `…` of a cut line. */
export const MIN_LOG_LINE_BYTES = 16
