import type { LookupBeforeInsert } from '../batch/lookup-policy.js'
import type { RequestLimits } from '../batch/request-limits.js'

/**
 * The settings an engine runs with, after defaults are applied.
 *
 * @example
 * ```ts
 * container.bind(ENGINE_CONFIG).toConstantValue(resolveEngineConfig({ instanceId: 'gw-1' }))
 * ```
 */
export interface EngineConfig {
  /** Identifies this instance in the metastore (`createdBy`). */
  readonly instanceId: string
  readonly limits: RequestLimits
  /**
   * When true (the default), reusing an id with a different request is `BATCH_ID_CONFLICT`; when false
   * the stored batch is returned whatever the new request says (Apache Kyuubi's behaviour).
   */
  readonly compareDuplicateRequests: boolean
  /**
   * Whether a client-given id is read before inserting: `'adaptive'` (the default) reads first while
   * many recent ids were already stored (see `LookupPolicy`); `true` always, `false` never.
   * Correctness never depends on it: the unique key settles every race that passes the read.
   */
  readonly lookupBeforeInsert: LookupBeforeInsert
  /** Told about failures that happen after `submit` returned (recording a launch outcome). */
  readonly onBackgroundError: (error: unknown) => void
  /** Users who may read, list and cancel every user's batches. */
  readonly admins: ReadonlySet<string>
  /** How often an instance checks the metastore for cancels of the batches it runs (ms). */
  readonly cancelPollIntervalMs: number
  /** Purging of old terminal batches, or `undefined` when the host turned it off. */
  readonly retention: RetentionConfig | undefined
  /** The page size of `list` when the caller gives none, and the largest one allowed. */
  readonly pageSize: { readonly default: number; readonly max: number }
}

/**
 * How long terminal batches are kept. Once purged, a batch's id can be submitted again and creates a
 * new batch: `maxAgeMs` is the dedup window for finished batches.
 */
export interface RetentionConfig {
  /** Terminal batches whose end time is older than this are purged (default 3 days, like Kyuubi). */
  readonly maxAgeMs: number
  /** How often the purge runs (default 10 minutes). */
  readonly intervalMs: number
  /** Rows deleted per statement, so a purge never holds locks long (default 500). */
  readonly batchSize: number
}
