import { ContainerModule } from 'inversify'
import { BatchService } from '../batch/batch-service.js'
import type { BatchLauncher } from '../batch/batch-launcher.js'
import { LaunchSupervisor } from '../batch/launch-supervisor.js'
import { RetentionSweeper } from '../batch/retention-sweeper.js'
import { Engine } from '../engine/engine.js'
import type { CoreOptions } from '../engine/engine-options.js'
import { resolveEngineConfig } from '../engine/resolve-engine-config.js'
import { systemClock } from '../ports/clock.js'
import { randomIdSource } from '../ports/id-source.js'
import {
  BATCH_LAUNCHERS,
  BATCH_SERVICE,
  CLOCK,
  ENGINE_CONFIG,
  ID_SOURCE,
  LAUNCH_SUPERVISOR,
  RETENTION_SWEEPER,
  type LauncherRegistry,
} from './tokens.js'

/** The DI token of the {@link Engine} itself. */
export const ENGINE = Engine

/**
 * Core's bindings: config, clock, id source, launchers, the batch service and the engine. The
 * metastore is not bound here: bind a store to `METADATA_STORE` (store packages export a module).
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
  return new ContainerModule(({ bind }) => {
    bind(ENGINE_CONFIG).toConstantValue(config)
    bind(CLOCK).toConstantValue(options.clock ?? systemClock)
    bind(ID_SOURCE).toConstantValue(options.idSource ?? randomIdSource)
    bind(BATCH_LAUNCHERS).toConstantValue(launchers)
    bind(LAUNCH_SUPERVISOR).to(LaunchSupervisor).inSingletonScope()
    bind(RETENTION_SWEEPER).to(RetentionSweeper).inSingletonScope()
    bind(BATCH_SERVICE).to(BatchService).inSingletonScope()
    bind(ENGINE).toSelf().inSingletonScope()
  })
}

function launcherRegistry(launchers: Readonly<Record<string, BatchLauncher>> | undefined): LauncherRegistry {
  // A Map, so that a batchType such as 'constructor' or '__proto__' can never find an inherited member.
  const byType = new Map(Object.entries(launchers ?? {}))
  return { configured: launchers !== undefined, get: (batchType) => byType.get(batchType) }
}
