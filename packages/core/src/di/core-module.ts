import { ContainerModule } from 'inversify'
import { BATCH_LOG_STORE } from '../application/batch-log-store.js'
import { createBatchLogStore } from '../application/create-batch-log-store.js'
import { BATCH_LAUNCHERS, type BatchLauncher, type LauncherRegistry } from '../batch/batch-launcher.js'
import { BatchService } from '../batch/batch-service.js'
import { BATCH_SERVICE_SETTINGS } from '../batch/batch-service-settings.js'
import { LAUNCH_SETTINGS } from '../batch/launch-settings.js'
import { LaunchSupervisor } from '../batch/launch-supervisor.js'
import { INSTRUMENTED_METADATA_STORE, instrumentedStore } from '../metastore/instrument-store.js'
import { METADATA_STORE } from '../metastore/metadata-store.js'
import { RETENTION_SETTINGS } from '../batch/retention-settings.js'
import { RetentionSweeper } from '../batch/retention-sweeper.js'
import { Engine } from '../engine/engine.js'
import { ENGINE_CONFIG } from '../engine/engine-config.js'
import type { CoreOptions } from '../engine/engine-options.js'
import { resolveEngineConfig } from '../engine/resolve-engine-config.js'
import { OperationManager } from '../operation/operation-manager.js'
import { OPERATION_SETTINGS } from '../operation/operation-settings.js'
import { CLOCK, systemClock } from '../ports/clock.js'
import { ID_SOURCE, randomIdSource } from '../ports/id-source.js'
import { SessionManager } from '../session/session-manager.js'
import { SESSION_SETTINGS } from '../session/session-settings.js'
import { STATEMENT_EXECUTOR, type StatementExecutor } from '../statement/statement-executor.js'
import { BatchgateError } from '../errors/batchgate-error.js'
import { describeValue } from '../errors/describe-value.js'
import { ErrorCode } from '../errors/error-codes.js'
import { AdoptionSweep } from '../lease/adoption-sweep.js'
import { BatchReassigner } from '../lease/batch-reassigner.js'
import { COORDINATION_SETTINGS } from '../lease/coordination-settings.js'
import { Coordination } from '../lease/coordination.js'
import { InstanceListing } from '../lease/instance-listing.js'
import { LaunchSlots } from '../lease/launch-slots.js'
import { LeaseKeeper } from '../lease/lease-keeper.js'
import { QueueClaimer } from '../lease/queue-claimer.js'

/**
 * Core's bindings: config (and each service's slice of it), clock, id source, launchers, the statement
 * executor (when given), the batch log store (as `batchLogs` says), the services and the engine. The
 * metastore is not bound here: bind a store to `METADATA_STORE` (store packages
 * export a module). Core's services call it through a wrapper that traces each call on the
 * `batchgate:metastore` diagnostics channel; `container.get(METADATA_STORE)` stays the store bound.
 *
 * @example
 * ```ts
 * const container = new Container()
 * container.load(coreModule({ instanceId: 'gw-1' }), sqliteStoreModule({ filename: 'batchgate.db' }))
 * const engine = await openEngine(container)
 * ```
 */
export function coreModule(options: CoreOptions = {}): ContainerModule {
  const config = resolveEngineConfig(options)
  const launchers = launcherRegistry(options.launchers)
  const executor = statementExecutor(options.statementExecutor)
  return new ContainerModule(({ bind }) => {
    bind(ENGINE_CONFIG).toConstantValue(config)
    // The slices follow ENGINE_CONFIG, so a host that rebinds the whole config changes every service.
    bind(BATCH_SERVICE_SETTINGS).toService(ENGINE_CONFIG)
    bind(LAUNCH_SETTINGS).toService(ENGINE_CONFIG)
    bind(RETENTION_SETTINGS).toService(ENGINE_CONFIG)
    bind(SESSION_SETTINGS).toService(ENGINE_CONFIG)
    bind(OPERATION_SETTINGS).toService(ENGINE_CONFIG)
    bind(COORDINATION_SETTINGS).toService(ENGINE_CONFIG)
    bind(CLOCK).toConstantValue(options.clock ?? systemClock)
    bind(ID_SOURCE).toConstantValue(options.idSource ?? randomIdSource)
    bind(BATCH_LAUNCHERS).toConstantValue(launchers)
    // What core's services call: the host's store (left as it is under METADATA_STORE), each call
    // published on batchgate:metastore while that channel has subscribers.
    bind(INSTRUMENTED_METADATA_STORE)
      .toDynamicValue((context) =>
        instrumentedStore(context.get(METADATA_STORE), context.get(ENGINE_CONFIG).instanceId),
      )
      .inSingletonScope()
    // Unbound without one: the OperationManager injects it as optional and refuses statements then.
    if (executor !== undefined) bind(STATEMENT_EXECUTOR).toConstantValue(executor)
    bind(OperationManager).toSelf().inSingletonScope()
    bind(SessionManager).toSelf().inSingletonScope()
    bind(BATCH_LOG_STORE).toConstantValue(createBatchLogStore(config.batchLogs, config.onBackgroundError))
    bind(Coordination).toSelf().inSingletonScope()
    bind(LeaseKeeper).toSelf().inSingletonScope()
    bind(LaunchSlots).toSelf().inSingletonScope()
    bind(LaunchSupervisor).toSelf().inSingletonScope()
    bind(QueueClaimer).toSelf().inSingletonScope()
    bind(AdoptionSweep).toSelf().inSingletonScope()
    bind(BatchReassigner).toSelf().inSingletonScope()
    bind(InstanceListing).toSelf().inSingletonScope()
    bind(RetentionSweeper).toSelf().inSingletonScope()
    bind(BatchService).toSelf().inSingletonScope()
    bind(Engine).toSelf().inSingletonScope()
  })
}

function launcherRegistry(launchers: Readonly<Record<string, BatchLauncher>> | undefined): LauncherRegistry {
  // A Map, so that a batchType such as 'constructor' or '__proto__' can never find an inherited member.
  const byType = new Map(Object.entries(launchers ?? {}))
  return { configured: launchers !== undefined, get: (batchType) => byType.get(batchType) }
}

function statementExecutor(executor: unknown): StatementExecutor | undefined {
  if (executor === undefined) return undefined
  if (
    typeof executor !== 'object' ||
    executor === null ||
    typeof (executor as Partial<StatementExecutor>).execute !== 'function'
  ) {
    throw new BatchgateError(
      ErrorCode.INVALID_OPTIONS,
      `statementExecutor must be an object with an execute method, got ${describeValue(executor)}`,
    )
  }
  return executor as StatementExecutor
}
