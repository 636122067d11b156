/// <reference types="node" preserve="true" />
import { randomBytes } from 'node:crypto'
import { accessSync, constants } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { hostname } from 'node:os'
import { resolve } from 'node:path'
import { createEngine, type Logger } from '@batchgate/core'
import { basicAuth, kyuubiNoneAuth, kyuubiRestHandler } from '@batchgate/kyuubi-rest'
import { passwordCheckFromFile } from '../auth/users-file.js'
import type { GatewayFlags } from '../cli/gateway-flags.js'
import { UsageError } from '../cli/usage-error.js'
import { batchCommandLauncher } from '../jobs/batch-launcher.js'
import { sqliteStatementExecutor } from '../statements/sqlite-statement-executor.js'
import { createGatewayLogger } from '../observability/gateway-logger.js'
import { startTelemetry } from '../observability/gateway-telemetry.js'
import { METRICS_PATH } from '../observability/prometheus-metrics.js'
import { storeFromSpec } from '../store/store-from-spec.js'
import { listenHttp, type ListeningServer } from './http-server.js'
import { startThriftFronts, type ThriftFronts } from './thrift-fronts.js'

/** How long requests in flight get to be answered when the gateway closes. */
const CLOSE_GRACE_MS = 30_000

/** A request to the metrics listener must arrive whole within this. */
const METRICS_REQUEST_TIMEOUT_MS = 10_000

/**
 * Options of {@link startGateway} beyond its flags.
 *
 * @example
 * ```ts
 * const options: StartGatewayOptions = { logger: pino({ level: 'debug' }), env: process.env }
 * ```
 */
export interface StartGatewayOptions {
  /**
   * Where the engine and the fronts log (default: pino on stderr, at `flags.logLevel`, in
   * `flags.logFormat`).
   */
  readonly logger?: Logger | undefined
  /**
   * Where the decision to export traces (`OTEL_EXPORTER_OTLP_ENDPOINT`, `OTEL_SDK_DISABLED`, ...) and
   * `OTEL_SERVICE_NAME` are read (default `process.env`). The OTLP exporter itself reads its endpoint,
   * headers, timeout and compression from `process.env`, as OpenTelemetry's SDK does.
   */
  readonly env?: NodeJS.ProcessEnv | undefined
}

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
  /**
   * `http://HOST:PORT/metrics` (Prometheus text): on the REST port by default, on a port of its own with
   * `--metrics-port`; `undefined` with `--metrics-port off`.
   */
  readonly metricsUrl: string | undefined
  /**
   * Stops accepting requests and calls, answers those in flight, then closes the engine and its store,
   * and last the telemetry (the spans still buffered are exported).
   */
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
export async function startGateway(
  flags: GatewayFlags,
  options: StartGatewayOptions = {},
): Promise<RunningGateway> {
  // One reading of the users file for both fronts.
  const passwordCheck = flags.auth.kind === 'basic' ? passwordCheckFromFile(flags.auth.usersFile) : undefined
  const authenticate = passwordCheck === undefined ? kyuubiNoneAuth() : basicAuth({ verify: passwordCheck })
  const dataFile = flags.dataFile === null ? null : readableFile(flags.dataFile)
  const launcher = batchCommandLauncher(flags.batchCommand)
  const logger = options.logger ?? createGatewayLogger({ level: flags.logLevel, format: flags.logFormat })
  // Chosen here rather than by the engine: the telemetry's resource (service.instance.id) needs it before
  // the engine starts, so that the engine's first metastore calls are measured too.
  const instanceId = flags.instanceId ?? defaultInstanceId()
  const telemetry = startTelemetry({
    metrics: flags.metricsPort !== null,
    env: options.env ?? process.env,
    instanceId,
    logger,
  })
  const engine = await afterClosingOnFailure(telemetry, async () =>
    createEngine({
      store: storeFromSpec(flags.store),
      instanceId,
      logger,
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
    }),
  )
  const handler = kyuubiRestHandler(engine, { authenticate, logger })
  const serveMetrics = telemetry.metrics?.serve
  let server: ListeningServer | undefined
  let metricsServer: ListeningServer | undefined
  let thrift: ThriftFronts | undefined
  const close = async (graceMs: number): Promise<void> => {
    // In this order: the requests and calls in flight are answered before anything they use is closed.
    try {
      await Promise.all([server?.close(graceMs), metricsServer?.close(graceMs), thrift?.close(graceMs)])
      await handler.close()
      await engine.close()
    } finally {
      // Last, and even when closing failed: the engine's closing calls are measured and traced too, and
      // the spans are flushed and the global context manager given back whatever happened.
      await telemetry.close()
    }
  }
  try {
    const restListener =
      serveMetrics !== undefined && flags.metricsPort === undefined
        ? metricsRoute(serveMetrics, handler)
        : handler
    server = await listenHttp(restListener, { host: flags.host, port: flags.restPort })
    if (serveMetrics !== undefined && typeof flags.metricsPort === 'number') {
      metricsServer = await listenHttp(metricsRoute(serveMetrics, notFound), {
        host: flags.host,
        port: flags.metricsPort,
        requestTimeoutMs: METRICS_REQUEST_TIMEOUT_MS,
      })
    }
    thrift = await startThriftFronts(engine, {
      host: flags.host,
      port: flags.thriftPort,
      httpPort: flags.thriftHttpPort,
      passwordCheck,
      disconnectGraceMs: flags.thriftGraceMs,
      logger,
    })
  } catch (error) {
    await close(0)
    throw error
  }
  const { binary, httpUrl } = thrift
  const metricsBase = metricsServer?.url ?? (serveMetrics === undefined ? undefined : server.url)
  return {
    url: server.url,
    thriftAddress: binary === undefined ? undefined : `${binary.host}:${binary.port}`,
    thriftHttpUrl: httpUrl,
    metricsUrl: metricsBase === undefined ? undefined : `${metricsBase}${METRICS_PATH}`,
    close: () => close(CLOSE_GRACE_MS),
  }
}

/** `start()`'s result; when it fails, `resource` is closed before the failure is thrown on. */
async function afterClosingOnFailure<T>(
  resource: { close(): Promise<void> },
  start: () => Promise<T>,
): Promise<T> {
  try {
    return await start()
  } catch (error) {
    await resource.close()
    throw error
  }
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void

/** `/metrics` (with or without a query) to `serveMetrics`, every other path to `next`. */
function metricsRoute(serveMetrics: Listener, next: Listener): Listener {
  return (req, res) => {
    const path = (req.url ?? '').split('?', 1)[0]
    if (path === METRICS_PATH) serveMetrics(req, res)
    else next(req, res)
  }
}

function notFound(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain' })
  res.end(`not found: only GET ${METRICS_PATH} is served here\n`)
}

/** As the engine's default: unique per process start, readable in a metastore row. */
function defaultInstanceId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`
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
