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
   * Read the id before inserting. Off by default: an insert that hits the unique key costs about the
   * same as a read, and new ids are the common case. Correctness never depends on it.
   */
  readonly lookupBeforeInsert: boolean
  /** Told about failures that happen after `submit` returned (recording a launch outcome). */
  readonly onBackgroundError: (error: unknown) => void
}
