/**
 * `@batchgate/core/store`: what a metastore author needs — the {@link MetadataStore} port and the
 * records and queries it speaks, `DuplicateKeyError`, the connection lifecycle, transient-error retry
 * and cause-chain helpers. Nothing SQL: the SQL stores share their row layout and queries through
 * `@batchgate/sql-store`, so that a store for another kind of database pulls in no query builder.
 *
 * @example
 * ```ts
 * import { DuplicateKeyError, retryTransient, type MetadataStore } from '@batchgate/core/store'
 * ```
 */
export type { MetadataStore } from './metadata-store.js'
export {
  isCoordinatedStore,
  type BatchClaim,
  type BatchOwner,
  type BatchTransfer,
  type CoordinatedMetadataStore,
  type InstanceLease,
  type LeaseGrant,
  type LeaseListing,
  type QueueQuery,
} from './coordination-store.js'
export type { ApplicationUpdate, BatchRecord, BatchStateChange } from './batch-record.js'
export type { ApplicationInfo } from '../application/application-info.js'
export { expectedStates } from './batch-record.js'
export type { BatchQuery, PurgeQuery } from './batch-query.js'
export { StoreConnection, metastoreUnavailable } from './store-connection.js'
export { retryTransient, type TransientRetryPolicy } from './retry-transient.js'
export { noteTransientRetry } from './call-attempts.js'
export { isUnreadableBatch, type ListedBatch, type UnreadableBatch } from './unreadable-batch.js'
export { DuplicateKeyError, isDuplicateKeyError } from '../errors/duplicate-key-error.js'
export { findInCauseChain } from '../errors/cause-chain.js'
export { requestFingerprint, type FingerprintedFields } from '../batch/request-fingerprint.js'
export { epochMillis } from '../ports/clock.js'
// Also on `@batchgate/core`; here too so that a store imports its whole vocabulary from one place.
export { BatchState, isTerminalState } from '../batch/batch-state.js'
export { BatchgateError } from '../errors/batchgate-error.js'
export { ErrorCode } from '../errors/error-codes.js'
