/**
 * `@batchgate/gateway`: batchgate's reference host application (the `batchgate-gateway` command, or
 * `startGateway` in a program), and its parts for hosts that assemble their own: the read-only SQLite
 * statement executor, the batch command launcher and the flag parser.
 *
 * @example
 * ```ts
 * import { sqliteStatementExecutor } from '@batchgate/gateway'
 *
 * const executor = sqliteStatementExecutor({ dataFile: './sales.db', statementTimeoutMs: 30_000 })
 * ```
 */
export {
  sqliteStatementExecutor,
  type SqliteStatementExecutorOptions,
} from './statements/sqlite-statement-executor.js'
export { batchCommandLauncher, BATCH_ID_ENV } from './jobs/batch-launcher.js'
export {
  parseGatewayFlags,
  GATEWAY_USAGE,
  AUTH_FILE_ENV,
  type GatewayFlags,
  type AuthMode,
  type LeaseFlags,
  type LogLevel,
  type LogFormat,
} from './cli/gateway-flags.js'
export { UsageError } from './cli/usage-error.js'
export { startGateway, type RunningGateway, type StartGatewayOptions } from './server/start-gateway.js'
export { storeFromSpec, describeStore } from './store/store-from-spec.js'
export { passwordCheckFromFile, type PasswordCheck } from './auth/users-file.js'
