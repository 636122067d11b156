/// <reference types="node" preserve="true" />
import { accessSync, constants } from 'node:fs'
import { resolve } from 'node:path'
import { createEngine } from '@batchgate/core'
import { basicAuth, kyuubiNoneAuth, kyuubiRestHandler } from '@batchgate/kyuubi-rest'
import { passwordCheckFromFile } from '../auth/users-file.js'
import type { GatewayFlags } from '../cli/gateway-flags.js'
import { UsageError } from '../cli/usage-error.js'
import { batchCommandLauncher } from '../jobs/batch-launcher.js'
import { sqliteStatementExecutor } from '../statements/sqlite-statement-executor.js'
import { storeFromSpec } from '../store/store-from-spec.js'
import { listenHttp } from './http-server.js'

/** How long requests in flight get to be answered when the gateway closes. */
const CLOSE_GRACE_MS = 30_000

/**
 * A started gateway.
 *
 * @example
 * ```ts
 * const gateway: RunningGateway = await startGateway(parseGatewayFlags([], process.env))
 * process.once('SIGTERM', () => void gateway.close())
 * ```
 */
export interface RunningGateway {
  /** `http://HOST:PORT` of the REST front (its API is under `/api/v1`). */
  readonly url: string
  /** Stops accepting requests, answers those in flight, then closes the engine and its store. */
  close(): Promise<void>
}

/**
 * Starts the gateway the flags describe: the engine on its store, the command launcher for the batch
 * types, the SQLite statement executor, and the Kyuubi REST front on `host:restPort`.
 *
 * @example
 * ```ts
 * const gateway = await startGateway(parseGatewayFlags(['--rest-port', '0'], process.env))
 * console.log(`rest listening on ${gateway.url}`)
 * await gateway.close()
 * ```
 */
export async function startGateway(flags: GatewayFlags): Promise<RunningGateway> {
  const authenticate =
    flags.auth.kind === 'basic'
      ? basicAuth({ verify: passwordCheckFromFile(flags.auth.usersFile) })
      : kyuubiNoneAuth()
  const dataFile = flags.dataFile === null ? null : readableFile(flags.dataFile)
  const launcher = batchCommandLauncher(flags.batchCommand)
  const engine = await createEngine({
    store: storeFromSpec(flags.store),
    instanceId: flags.instanceId,
    admins: flags.admins,
    launchers: Object.fromEntries(flags.batchTypes.map((type) => [type, launcher])),
    statementExecutor: sqliteStatementExecutor({
      dataFile,
      statementTimeoutMs: flags.statementTimeoutMs,
      maxProcesses: flags.maxStatements,
      maxProcessesPerUser: flags.maxStatementsPerUser,
    }),
    batchLogs: flags.logDir === undefined ? {} : { directory: resolve(flags.logDir) },
  })
  try {
    const handler = kyuubiRestHandler(engine, { authenticate })
    const server = await listenHttp(handler, { host: flags.host, port: flags.restPort })
    return {
      url: server.url,
      async close() {
        // In this order: the requests in flight are answered before anything they use is closed.
        await server.close(CLOSE_GRACE_MS)
        await handler.close()
        await engine.close()
      },
    }
  } catch (error) {
    await engine.close()
    throw error
  }
}

function readableFile(path: string): string {
  const absolute = resolve(path)
  try {
    accessSync(absolute, constants.R_OK)
  } catch (error) {
    throw new UsageError(
      `--data ${path} cannot be read (${(error as { code?: string }).code ?? 'error'}): give an existing SQLite file`,
    )
  }
  return absolute
}
