import 'reflect-metadata'

export * from './errors/index.js'
export * from './cursor/index.js'

export { KYUUBI_BATCH_ID_KEY, KYUUBI_BATCH_DUPLICATED_KEY } from './batch/batch-keys.js'
export { BatchState, isTerminalState } from './batch/batch-state.js'
export type { Batch, BatchRequest, RequestContext } from './batch/batch.js'
export type { BatchLauncher, LaunchContext } from './batch/batch-launcher.js'
export type { ValidatedBatchRequest } from './batch/validated-batch-request.js'
export { BatchService } from './batch/batch-service.js'
export { LaunchSupervisor } from './batch/launch-supervisor.js'
export { isDuplicatedSubmission } from './batch/is-duplicated-submission.js'
export { canonicalBatchId } from './batch/batch-id.js'
export { requestFingerprint, type FingerprintedFields } from './batch/request-fingerprint.js'
export { isSameRequest } from './batch/same-request.js'
export { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './batch/request-limits.js'
export { LookupPolicy, type LookupBeforeInsert } from './batch/lookup-policy.js'

export type { MetadataStore } from './metastore/metadata-store.js'
export type { BatchRecord, BatchStateChange } from './metastore/batch-record.js'
export { systemClock, epochMillis, type Clock } from './ports/clock.js'
export { randomIdSource, type IdSource } from './ports/id-source.js'

export * from './di/tokens.js'
export { coreModule, ENGINE } from './di/core-module.js'
export { Engine } from './engine/engine.js'
export type { EngineConfig } from './engine/engine-config.js'
export type { EngineOptions, CoreOptions } from './engine/engine-options.js'
export { resolveEngineConfig } from './engine/resolve-engine-config.js'
export { createEngine, openEngine } from './engine/create-engine.js'
export {
  BATCH_TABLE,
  batchFromRow,
  batchToRow,
  decodeBatchRow,
  type BatchRow,
} from './metastore/sql/batch-row.js'
export { isUnreadableBatch, type ListedBatch, type UnreadableBatch } from './metastore/unreadable-batch.js'
export { retryTransient, type TransientRetryPolicy } from './metastore/retry-transient.js'
export { StoreConnection, metastoreUnavailable } from './metastore/store-connection.js'
export type { BatchQuery, PurgeQuery } from './metastore/batch-query.js'
export { expectedStates } from './metastore/batch-record.js'
export type { BatchListFilter, BatchPage } from './batch/batch-list.js'
export { canTransition, assertTransition } from './batch/state-transitions.js'
export { RetentionSweeper } from './batch/retention-sweeper.js'
export type { RetentionConfig } from './engine/engine-config.js'
export * from './launchers/index.js'
