/// <reference types="node" preserve="true" />
import { parseArgs } from 'node:util'
import { UsageError } from './usage-error.js'

/** The gateway's flags, as `node:util`'s `parseArgs` takes them. */
const FLAGS = {
  store: { type: 'string', default: 'sqlite:./batchgate.db' },
  'instance-id': { type: 'string' },
  host: { type: 'string', default: '127.0.0.1' },
  'rest-port': { type: 'string', default: '10099' },
  'thrift-port': { type: 'string', default: '10009' },
  'thrift-http-port': { type: 'string', default: '10010' },
  'thrift-grace-ms': { type: 'string', default: '60000' },
  data: { type: 'string' },
  'batch-command': { type: 'string' },
  'batch-types': { type: 'string', default: 'SPARK,PYSPARK' },
  'log-dir': { type: 'string' },
  admins: { type: 'string', default: '' },
  auth: { type: 'string' },
  'auth-file': { type: 'string' },
  'statement-timeout-ms': { type: 'string', default: '60000' },
  'max-statements': { type: 'string', default: '16' },
  'max-statements-per-user': { type: 'string' },
  'max-running-batches': { type: 'string' },
  'lease-ms': { type: 'string' },
  'lease-renew-ms': { type: 'string' },
  'no-lease': { type: 'boolean', default: false },
  'queue-poll-ms': { type: 'string' },
  'log-level': { type: 'string', default: 'info' },
  'log-format': { type: 'string' },
  'metrics-port': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const

/**
 * The environment variable that names the Basic users file when `--auth-file` is not given.
 *
 * @example
 * ```ts
 * parseGatewayFlags(['--auth', 'basic'], { [AUTH_FILE_ENV]: '/run/secrets/users' }).auth
 * // { kind: 'basic', usersFile: '/run/secrets/users' }
 * ```
 */
export const AUTH_FILE_ENV = 'BATCHGATE_AUTH_FILE'

/**
 * The text `--help` prints.
 *
 * @example
 * ```ts
 * console.log(GATEWAY_USAGE)
 * ```
 */
export const GATEWAY_USAGE = `Usage: batchgate-gateway [flags]

Runs one batchgate engine behind the Kyuubi REST API v1 (/api/v1) and HiveServer2's Thrift
TCLIService (binary and HTTP).

  --store SPEC             the metastore: sqlite:FILE, mysql://user:pass@host:port/db or
                           postgres://user:pass@host:port/db (default sqlite:./batchgate.db).
                           Several gateways on one store are one multi-instance deployment.
  --instance-id ID         this instance's stable id (default <hostname>:<pid>:<random>); a restart
                           with the same id recovers its unfinished batches
  --host HOST              the address the REST and Thrift fronts listen on (default 127.0.0.1)
  --rest-port PORT         the REST port (default 10099; 0 picks a free one)
  --thrift-port PORT|off   the HiveServer2 Thrift binary port, SASL PLAIN and NOSASL on one port
                           (default 10009; 0 picks a free one; off serves none)
  --thrift-http-port PORT|off  the Thrift HTTP port, POST /cliservice (default 10010; 0 picks a free
                           one; off serves none)
  --thrift-grace-ms N      how long a Thrift session outlives its dropped TCP connection, for a client
                           that reconnects with its handles (default 60000; 0 closes it at once)
  --data FILE              the SQLite database statements run against, read-only
                           (default: an empty in-memory database)
  --statement-timeout-ms N the time a statement may spend working, over all its fetches (default 60000)
  --max-statements N       statements with unread rows at once (default 16): each holds a process of
                           its own until its rows are read or its operation is closed
  --max-statements-per-user N  of those, what one user may hold (default half, at least 1)
  --batch-command PATH     run for every batch with arguments [resource, ...args] and the batch id in
                           BATCHGATE_BATCH_ID (default: a bundled job that prints progress and exits 0)
  --batch-types A,B        the batchTypes the command runs (default SPARK,PYSPARK)
  --log-dir DIR            keep batch logs in files under DIR, removed with their batches
                           (default: in memory, the last 1000 lines of the last 100 batches)
  --max-running-batches N  batches this gateway runs at once (default unlimited); more wait PENDING in
                           the store's launch queue, where any gateway with a free slot claims them,
                           highest kyuubi.batch.priority first, oldest first within a priority
  --queue-poll-ms N        how often a gateway with a free slot looks at the queue (default 1000)
  --lease-ms N             how long this gateway's lease in the store lasts unless renewed (default
                           30000): once it expires, the other gateways adopt its unfinished batches
  --lease-renew-ms N       how often the lease is renewed (default a third of --lease-ms, at most
                           10000); less than half of --lease-ms
  --no-lease               no lease and no adoption: a lost gateway's batches wait until a gateway with
                           its --instance-id starts again
  --admins A,B             users who may read and cancel every user's batches, list the instances
                           (GET /api/v1/admin/instances) and reassign batches (POST /batches/reassign)
  --auth none|basic        for REST and Thrift alike. none: the user name a client gives is trusted
                           (Kyuubi's NONE mode; over Thrift NOSASL and PLAIN with any password; the
                           default on a loopback host only; elsewhere it must be chosen explicitly).
                           basic: users and passwords from the file of --auth-file or ${AUTH_FILE_ENV},
                           one user:password a line (Thrift: SASL PLAIN or HTTP Basic, no NOSASL)
  --auth-file FILE         the Basic users file (never put passwords on the command line)
  --log-level LEVEL        fatal, error, warn, info, debug (every request), trace or silent
                           (default info); logs go to stderr, never with passwords or conf values
  --log-format json|pretty one JSON object a line, or pino-pretty's text (default: pretty when stderr
                           is a terminal, else json)
  --metrics-port PORT|off  where GET /metrics (Prometheus text) is served: by default on the REST port;
                           PORT serves it on a listener of its own on --host (0 picks a free one) and
                           the REST port answers 404 for it; off serves none
  -h, --help               print this help

When it is ready it prints "rest listening on http://HOST:PORT", then "thrift binary listening on
HOST:PORT" and "thrift http listening on http://HOST:PORT/cliservice" for the Thrift ports that are on,
and "metrics listening on http://HOST:PORT/metrics" with --metrics-port PORT, all on stdout.
Spans are exported over OTLP/HTTP (JSON) when OTEL_EXPORTER_OTLP_ENDPOINT or
OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set (OTEL_EXPORTER_OTLP_HEADERS, OTEL_SERVICE_NAME, ... as the
OpenTelemetry specification says); without them no span is recorded.
SIGINT or SIGTERM stops it: no new connections, requests in flight are answered, the engine is closed,
exit code 0.`

/**
 * How the gateway authenticates REST callers.
 *
 * @example
 * ```ts
 * const auth: AuthMode = { kind: 'basic', usersFile: '/etc/batchgate/users' }
 * ```
 */
export type AuthMode = { readonly kind: 'none' } | { readonly kind: 'basic'; readonly usersFile: string }

/**
 * The lease a gateway keeps in the store (engine option `lease`): `durationMs` from `--lease-ms`,
 * `renewIntervalMs` from `--lease-renew-ms`.
 *
 * @example
 * ```ts
 * const lease: LeaseFlags = { durationMs: 30_000, renewIntervalMs: 10_000 }
 * ```
 */
export interface LeaseFlags {
  readonly durationMs: number
  readonly renewIntervalMs: number
}

/** The lease's defaults, the engine's: 30 s, renewed every 10 s. */
const DEFAULT_LEASE: LeaseFlags = { durationMs: 30_000, renewIntervalMs: 10_000 }

/**
 * The gateway's settings, checked.
 *
 * @example
 * ```ts
 * const flags = parseGatewayFlags(['--rest-port', '0'], process.env)
 * ```
 */
export interface GatewayFlags {
  readonly help: boolean
  readonly store: string
  readonly instanceId: string | undefined
  readonly host: string
  readonly restPort: number
  /** The HiveServer2 Thrift binary port (SASL PLAIN and NOSASL); `null`: off. */
  readonly thriftPort: number | null
  /** The Thrift HTTP port (`POST /cliservice`); `null`: off. */
  readonly thriftHttpPort: number | null
  /** How long a Thrift session outlives its dropped TCP connection. */
  readonly thriftGraceMs: number
  readonly dataFile: string | null
  readonly statementTimeoutMs: number
  readonly maxStatements: number
  /** Of `maxStatements`, what one user may hold; `undefined`: half of them, at least 1. */
  readonly maxStatementsPerUser: number | undefined
  readonly batchCommand: string | undefined
  readonly batchTypes: readonly string[]
  readonly logDir: string | undefined
  readonly admins: readonly string[]
  readonly auth: AuthMode
  /** Batches this gateway runs at once; `undefined`: unlimited. */
  readonly maxRunningBatches: number | undefined
  /** How often a gateway with a free slot reads the launch queue; `undefined`: the engine's 1000 ms. */
  readonly queuePollMs: number | undefined
  /**
   * The lease (`--lease-ms`, `--lease-renew-ms`); `false` with `--no-lease`; `undefined` when none of
   * them is given: the engine's defaults (30 s, renewed every 10 s).
   */
  readonly lease: LeaseFlags | false | undefined
  /** `--log-level` (default `info`). */
  readonly logLevel: LogLevel
  /** `--log-format`; `undefined`: `pretty` when the log stream (stderr) is a terminal, else `json`. */
  readonly logFormat: LogFormat | undefined
  /**
   * Where `GET /metrics` is served: `undefined` (the default) on the REST port, a number on a listener of
   * its own (0 picks a free port), `null` (`--metrics-port off`) nowhere.
   */
  readonly metricsPort: number | null | undefined
}

/**
 * pino's levels, as `--log-level` takes them.
 *
 * @example
 * ```ts
 * const level: LogLevel = 'debug'
 * ```
 */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

/**
 * How log lines are written: `json` (one object a line, for machines) or `pretty` (pino-pretty's text).
 *
 * @example
 * ```ts
 * const format: LogFormat = process.stderr.isTTY ? 'pretty' : 'json'
 * ```
 */
export type LogFormat = 'json' | 'pretty'

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]'])

/**
 * Parses and checks the command line; a bad one throws a {@link UsageError} naming the flag.
 *
 * @example
 * ```ts
 * parseGatewayFlags(['--host', '0.0.0.0'], {}) // UsageError: --auth must be chosen …
 * ```
 */
export function parseGatewayFlags(args: readonly string[], env: NodeJS.ProcessEnv): GatewayFlags {
  let values
  try {
    ;({ values } = parseArgs({ args: [...args], options: FLAGS, strict: true, allowPositionals: false }))
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const host = nonEmpty('--host', values.host)
  const restPort = integer('--rest-port', values['rest-port'], 0, 65_535)
  const thriftPort = portOrOff('--thrift-port', values['thrift-port'])
  const thriftHttpPort = portOrOff('--thrift-http-port', values['thrift-http-port'])
  const metricsPort =
    values['metrics-port'] === undefined ? undefined : portOrOff('--metrics-port', values['metrics-port'])
  distinctPorts({
    '--rest-port': restPort,
    '--thrift-port': thriftPort,
    '--thrift-http-port': thriftHttpPort,
    '--metrics-port': metricsPort ?? null,
  })
  return {
    help: values.help,
    store: nonEmpty('--store', values.store),
    instanceId:
      values['instance-id'] === undefined ? undefined : nonEmpty('--instance-id', values['instance-id']),
    host,
    restPort,
    thriftPort,
    thriftHttpPort,
    thriftGraceMs: integer('--thrift-grace-ms', values['thrift-grace-ms'], 0, 2 ** 31 - 1),
    dataFile: values.data === undefined ? null : nonEmpty('--data', values.data),
    statementTimeoutMs: integer('--statement-timeout-ms', values['statement-timeout-ms'], 1, 2 ** 31 - 1),
    maxStatements: integer('--max-statements', values['max-statements'], 1, 10_000),
    maxStatementsPerUser: optionalInteger(
      '--max-statements-per-user',
      values['max-statements-per-user'],
      1,
      10_000,
    ),
    batchCommand:
      values['batch-command'] === undefined
        ? undefined
        : nonEmpty('--batch-command', values['batch-command']),
    batchTypes: list(values['batch-types']),
    logDir: values['log-dir'] === undefined ? undefined : nonEmpty('--log-dir', values['log-dir']),
    admins: list(values.admins),
    auth: authMode(values.auth, values['auth-file'] ?? env[AUTH_FILE_ENV], host),
    maxRunningBatches: optionalInteger('--max-running-batches', values['max-running-batches'], 1, 1_000_000),
    queuePollMs: optionalInteger('--queue-poll-ms', values['queue-poll-ms'], 1, 2 ** 31 - 1),
    lease: leaseFlags(values['no-lease'], values['lease-ms'], values['lease-renew-ms']),
    logLevel: oneOf('--log-level', values['log-level'], LOG_LEVELS),
    logFormat:
      values['log-format'] === undefined
        ? undefined
        : oneOf('--log-format', values['log-format'], ['json', 'pretty'] as const),
    metricsPort,
  }
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((item) => item === value)
  if (found === undefined) {
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`)
  }
  return found
}

function leaseFlags(
  noLease: boolean,
  leaseMs: string | undefined,
  renewMs: string | undefined,
): LeaseFlags | false | undefined {
  if (noLease) {
    const given =
      leaseMs !== undefined ? '--lease-ms' : renewMs !== undefined ? '--lease-renew-ms' : undefined
    if (given !== undefined) {
      throw new UsageError(`--no-lease and ${given} contradict each other: keep a lease, or give neither`)
    }
    return false
  }
  // Neither given: the engine's defaults, and no explicit lease for a store that could not keep one.
  if (leaseMs === undefined && renewMs === undefined) return undefined
  const durationMs = optionalInteger('--lease-ms', leaseMs, 100, 2 ** 31 - 1) ?? DEFAULT_LEASE.durationMs
  // As the engine does: a third of the lease (two renewals may fail before it is lost), at most 10 s.
  const renewIntervalMs =
    optionalInteger('--lease-renew-ms', renewMs, 1, 2 ** 31 - 1) ??
    Math.max(1, Math.min(DEFAULT_LEASE.renewIntervalMs, Math.floor(durationMs / 3)))
  if (renewIntervalMs * 2 >= durationMs) {
    throw new UsageError(
      `--lease-renew-ms must be less than half of --lease-ms (${durationMs}), so that one failed renewal does not lose the lease; got ${renewIntervalMs}`,
    )
  }
  return { durationMs, renewIntervalMs }
}

function authMode(auth: string | undefined, usersFile: string | undefined, host: string): AuthMode {
  if (auth === 'basic') {
    if (usersFile === undefined || usersFile === '') {
      throw new UsageError(`--auth basic needs the users file: --auth-file FILE or ${AUTH_FILE_ENV}=FILE`)
    }
    return { kind: 'basic', usersFile }
  }
  if (auth === 'none') return { kind: 'none' }
  if (auth !== undefined) throw new UsageError(`--auth must be none or basic, got ${JSON.stringify(auth)}`)
  if (!LOOPBACK_HOSTS.has(host)) {
    throw new UsageError(
      `--host ${host} is not one of ${[...LOOPBACK_HOSTS].join(', ')}, so it may be reachable from other machines: choose --auth basic (with --auth-file), or --auth none explicitly to trust any caller's user name`,
    )
  }
  return { kind: 'none' }
}

function nonEmpty(flag: string, value: string): string {
  if (value.trim() === '') throw new UsageError(`${flag} must not be empty`)
  return value
}

function integer(flag: string, value: string, min: number, max: number): number {
  const number = /^\d+$/.test(value) ? Number(value) : NaN
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    throw new UsageError(`${flag} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`)
  }
  return number
}

function optionalInteger(
  flag: string,
  value: string | undefined,
  min: number,
  max: number,
): number | undefined {
  return value === undefined ? undefined : integer(flag, value, min, max)
}

function portOrOff(flag: string, value: string): number | null {
  if (value === 'off') return null
  const number = /^\d+$/.test(value) ? Number(value) : NaN
  if (!Number.isSafeInteger(number) || number > 65_535) {
    throw new UsageError(`${flag} must be a port from 0 to 65535 or off, got ${JSON.stringify(value)}`)
  }
  return number
}

/** Two fronts on one fixed port would fail at listen time with EADDRINUSE: say which flags clash. */
function distinctPorts(ports: Record<string, number | null>): void {
  const seen = new Map<number, string>()
  for (const [flag, port] of Object.entries(ports)) {
    if (port === null || port === 0) continue
    const other = seen.get(port)
    if (other !== undefined) {
      throw new UsageError(`${other} and ${flag} are both ${port}: each front needs a port of its own`)
    }
    seen.set(port, flag)
  }
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
}
