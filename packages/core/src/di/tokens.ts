/**
 * Every DI token of core, in one place for a host with its own inversify container. Each token is
 * defined beside the interface it stands for; the services are their own tokens (inject the class).
 *
 * @example
 * ```ts
 * container.load(coreModule({ instanceId: 'gw-1' }), sqliteStoreModule({ filename: 'batchgate.db' }))
 * container.rebind(CLOCK).toConstantValue(myClock)
 * ```
 */
export { METADATA_STORE } from '../metastore/metadata-store.js'
export { CLOCK } from '../ports/clock.js'
export { ID_SOURCE } from '../ports/id-source.js'
export { BATCH_LAUNCHERS } from '../batch/batch-launcher.js'
export { BATCH_LOG_STORE } from '../application/batch-log-store.js'
export { BATCH_SERVICE_SETTINGS } from '../batch/batch-service-settings.js'
export { LAUNCH_SETTINGS } from '../batch/launch-settings.js'
export { RETENTION_SETTINGS } from '../batch/retention-settings.js'
export { ENGINE_CONFIG } from '../engine/engine-config.js'
export { SESSION_SETTINGS } from '../session/session-settings.js'
export { OPERATION_SETTINGS } from '../operation/operation-settings.js'
export { COORDINATION_SETTINGS } from '../lease/coordination-settings.js'
export { STATEMENT_EXECUTOR } from '../statement/statement-executor.js'
export { SessionManager as SESSION_SERVICE } from '../session/session-manager.js'
export { OperationManager as OPERATION_SERVICE } from '../operation/operation-manager.js'
export { BatchService as BATCH_SERVICE } from '../batch/batch-service.js'
export { LaunchSupervisor as LAUNCH_SUPERVISOR } from '../batch/launch-supervisor.js'
export { RetentionSweeper as RETENTION_SWEEPER } from '../batch/retention-sweeper.js'
export { Engine as ENGINE } from '../engine/engine.js'
