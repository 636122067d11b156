/**
 * `@batchgate/core`: what a host application uses — the engine, batches, launchers, result cursors
 * and errors. A store author's API is `@batchgate/core/store`; a DI host's is `@batchgate/core/di`.
 *
 * @example
 * ```ts
 * import { createEngine } from '@batchgate/core'
 * import { sqliteStore } from '@batchgate/store-sqlite'
 *
 * const engine = await createEngine({ store: sqliteStore({ filename: './batchgate.db' }) })
 * ```
 */
// inversify's decorators on core's classes need the Reflect metadata API before those classes load.
import 'reflect-metadata'

export { ErrorCode } from './errors/error-codes.js'
export { BatchgateError, type BatchgateErrorOptions } from './errors/batchgate-error.js'

export { createEngine } from './engine/create-engine.js'
export { Engine } from './engine/engine.js'
export type { EngineOptions, CoreOptions, LeaseConfig, QueueConfig } from './engine/engine-options.js'
export type { InstanceInfo, ReassignResult } from './lease/instance-info.js'

export {
  KYUUBI_BATCH_ID_KEY,
  KYUUBI_BATCH_DUPLICATED_KEY,
  KYUUBI_BATCH_PRIORITY_KEY,
} from './batch/batch-keys.js'
export { BatchState, isTerminalState } from './batch/batch-state.js'
export type { Batch, BatchRequest, RequestContext } from './batch/batch.js'
export type { BatchService } from './batch/batch-service.js'
export type { ValidatedBatchRequest } from './batch/validated-batch-request.js'
export type { BatchListFilter, BatchPage } from './batch/batch-list.js'
export { isDuplicatedSubmission } from './batch/is-duplicated-submission.js'
export { canonicalBatchId } from './batch/batch-id.js'
export { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './batch/request-limits.js'
export type { LookupBeforeInsert } from './batch/lookup-policy.js'
export type { RetentionConfig } from './batch/retention-settings.js'
export type { BatchLauncher, LaunchContext } from './batch/batch-launcher.js'
export { systemClock, type Clock } from './ports/clock.js'
export { quietConsoleLogger, boundLogger, type Logger, type BoundLogger } from './logging/index.js'
export { randomIdSource, type IdSource } from './ports/id-source.js'

export * from './launchers/index.js'
export * from './cursor/index.js'

export { HiveType } from './statement/hive-type.js'
export type { ResultColumn, CellValue, ResultRow } from './statement/result-column.js'
export type { StatementExecutor, StatementResult } from './statement/statement-executor.js'
export type { ExecuteContext } from './statement/execute-context.js'
export {
  MetadataKind,
  type MetadataRequest,
  type ValidatedMetadataRequest,
} from './metadata/metadata-request.js'
export type {
  StatementCatalog,
  CatalogSchema,
  CatalogTable,
  CatalogColumn,
  CatalogFunction,
} from './metadata/statement-catalog.js'
export { METADATA_LAYOUTS } from './metadata/metadata-layouts.js'
export { TABLE_TYPES } from './metadata/table-rows.js'
export { JavaSqlType } from './metadata/hive-type-facts.js'
export { StatementError } from './statement/statement-error.js'
export { OperationState } from './operation/operation-state.js'
export type { OperationStatus } from './operation/operation-status.js'
export type { OperationService } from './operation/operation-service.js'
export type { SessionInfo } from './session/session-info.js'
export type { SessionService, StatementRequest } from './session/session-service.js'
export type { SessionConfig } from './session/session-settings.js'
export type { OperationConfig } from './operation/operation-settings.js'
export type { ApplicationInfo } from './application/application-info.js'
export type { BatchLogRange, BatchLogPage } from './application/batch-log.js'
export type { BatchLogOptions } from './application/batch-log-settings.js'
export { APPLICATION_INFO_LIMITS } from './application/validate-application-info.js'
export { DEFAULT_LOG_PAGE_SIZE, MAX_LOG_PAGE_SIZE } from './application/validate-log-range.js'
