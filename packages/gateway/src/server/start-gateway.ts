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
import { listenHttp, type ListeningServer } from './http-server.js'
import { startThriftFronts, type ThriftFronts } from './thrift-fronts.js'

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
  /** The Thrift binary front's `HOST:PORT` (`[::1]:PORT` for IPv6); `undefined` when it is off. */
  readonly thriftAddress: string | undefined
  /** The Thrift HTTP front's `http://HOST:PORT/cliservice`; `undefined` when it is off. */
  readonly thriftHttpUrl: string | undefined
  /** Stops accepting requests and calls, answers those in flight, then closes the engine and its store. */
  close(): Promise<void>
}

/**
 * Starts the gateway the flags describe: the engine on its store, the command launcher for the batch
 * types, the SQLite statement executor, the Kyuubi REST front on `host:restPort`, and HiveServer2's
 * Thrift fronts (binary on `host:thriftPort`, HTTP on `host:thriftHttpPort`) unless they are off.
 *
 * @example
 * ```ts
 * const gateway = await startGateway(
 *   parseGatewayFlags(['--rest-port', '0', '--thrift-port', '0', '--thrift-http-port', 'off'], process.env),
 * )
 * console.log(`rest listening on ${gateway.url}`)
 * console.log(`thrift binary listening on ${gateway.thriftAddress}`)
 * await gateway.close()
 * ```
 */
export async function startGateway(flags: GatewayFlags): Promise<RunningGateway> {
  // One reading of the users file for both fronts.
  const passwordCheck = flags.auth.kind === 'basic' ? passwordCheckFromFile(flags.auth.usersFile) : undefined
  const authenticate = passwordCheck === undefined ? kyuubiNoneAuth() : basicAuth({ verify: passwordCheck })
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
    lease: flags.lease,
    maxRunningBatches: flags.maxRunningBatches,
    queue: flags.queuePollMs === undefined ? {} : { pollIntervalMs: flags.queuePollMs },
  })
  const handler = kyuubiRestHandler(engine, { authenticate })
  let server: ListeningServer | undefined
  let thrift: ThriftFronts | undefined
  const close = async (graceMs: number): Promise<void> => {
    // In this order: the requests and calls in flight are answered before anything they use is closed.
    await Promise.all([server?.close(graceMs), thrift?.close(graceMs)])
    await handler.close()
    await engine.close()
  }
  try {
    server = await listenHttp(handler, { host: flags.host, port: flags.restPort })
    thrift = await startThriftFronts(engine, {
      host: flags.host,
      port: flags.thriftPort,
      httpPort: flags.thriftHttpPort,
      passwordCheck,
      disconnectGraceMs: flags.thriftGraceMs,
      log: (line) => process.stderr.write(`batchgate-gateway: ${line}\n`),
    })
  } catch (error) {
    await close(0)
    throw error
  }
  const { binary, httpUrl } = thrift
  return {
    url: server.url,
    thriftAddress: binary === undefined ? undefined : `${binary.host}:${binary.port}`,
    thriftHttpUrl: httpUrl,
    close: () => close(CLOSE_GRACE_MS),
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
