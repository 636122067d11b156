import type { ServiceIdentifier } from 'inversify'
import type { LookupBeforeInsert } from './lookup-policy.js'
import type { RequestLimits } from './request-limits.js'

/**
 * The settings the {@link BatchService} runs with: its slice of the engine's settings, so that the
 * batch domain never depends on how an engine is configured.
 *
 * @example
 * ```ts
 * container.bind(BATCH_SERVICE_SETTINGS).toConstantValue(resolveEngineConfig({ instanceId: 'gw-1' }))
 * ```
 */
export interface BatchServiceSettings {
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
  /** Users who may read, list and cancel every user's batches. */
  readonly admins: ReadonlySet<string>
  /** The page size of `list` when the caller gives none, and the largest one allowed. */
  readonly pageSize: { readonly default: number; readonly max: number }
  /** Told about rows that `list` skipped because they cannot be read (`CORRUPT_BATCH_RECORD`). */
  readonly onBackgroundError: (error: unknown) => void
}

/** The DI token of the {@link BatchServiceSettings}. */
export const BATCH_SERVICE_SETTINGS: ServiceIdentifier<BatchServiceSettings> = Symbol.for(
  '@batchgate/core/BatchServiceSettings',
)
