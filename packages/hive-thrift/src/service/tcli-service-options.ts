import { createRequire } from 'node:module'
import { BatchgateError, ErrorCode, type Logger, boundLogger } from '@batchgate/core'

/**
 * Options of {@link tcliService}. All are optional.
 *
 * @example
 * ```ts
 * const processor = tcliService(engine, { disconnectGraceMs: 30_000, maxFetchRows: 50_000 })
 * ```
 */
export interface TCLIServiceOptions {
  /**
   * How long the sessions a binary (TCP) connection opened stay open after it closes (default 60 000 ms;
   * HiveServer2 closes them at once). A request on one of them from any connection in that time keeps
   * it, so a client that lost its connection can reconnect and resume with the same handles. 0 closes
   * them at once. Over HTTP no session is tied to a connection.
   */
  readonly disconnectGraceMs?: number | undefined
  /**
   * The largest `maxRows` a FetchResults may ask (default 100 000; Hive clients ask 1 000–10 000). A
   * larger one answers ERROR naming this limit.
   */
  readonly maxFetchRows?: number | undefined
  /** GetInfo's CLI_SERVER_NAME (default `batchgate`). */
  readonly serverName?: string | undefined
  /** GetInfo's CLI_DBMS_NAME (default `batchgate`). */
  readonly dbmsName?: string | undefined
  /** GetInfo's CLI_DBMS_VER (default this package's version). */
  readonly dbmsVersion?: string | undefined
  /**
   * The key the handle secrets are derived with (HMAC-SHA256 of the guid), at least 16 bytes. Default: 32
   * random bytes per service, so handles issued by one process are refused by another. Give the same
   * key to several processes only if they share their engine's sessions.
   */
  readonly handleKey?: Buffer | undefined
  /**
   * Told about bugs (answered with an ERROR status without their message) and background failures.
   * Default: the logger's `error` with the failure as `err`.
   */
  readonly onError?: ((error: unknown) => void) | undefined
  /**
   * Where the service logs (pino's shape; pass a pino logger as it is), bound to `front: 'hive-thrift'`:
   * `error` a bug answered `HY000` (unless `onError` is given), `warn` a message that does not decode
   * (`remoteAddress`, `transport`: the transport then closes the connection), `debug` every call
   * (`method`, `thriftStatus`, `errorCode`, `durationMs`, `user`, `transport`). Never a statement's text,
   * a password or a conf value. Default `quietConsoleLogger()`: warn and error to `console.error`.
   */
  readonly logger?: Logger | undefined
}

/** {@link TCLIServiceOptions} with every default applied and checked. */
export interface TCLIServiceSettings {
  readonly disconnectGraceMs: number
  readonly maxFetchRows: number
  readonly serverName: string
  readonly dbmsName: string
  readonly dbmsVersion: string
  readonly handleKey: Buffer | undefined
  readonly onError: (error: unknown) => void
  /** The resolved `logger`, bound to `front: 'hive-thrift'`. */
  readonly logger: Logger
  /** Whether the logger writes debug lines now (checked before building a call's line). */
  readonly debugEnabled: () => boolean
}

/** This package's version, read from its package.json: GetInfo's default CLI_DBMS_VER. */
export const PACKAGE_VERSION: string = (
  createRequire(import.meta.url)('../../package.json') as { version: string }
).version

/** The longest timer Node keeps (larger delays fire at once). */
const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * Applies the defaults and checks every option; a wrong one is `INVALID_OPTIONS` naming it.
 *
 * @example
 * ```ts
 * resolveServiceOptions({ maxFetchRows: 10_000 }).disconnectGraceMs // 60000
 * ```
 */
export function resolveServiceOptions(options: TCLIServiceOptions | undefined): TCLIServiceSettings {
  const given = options ?? {}
  const handleKey = given.handleKey
  if (handleKey !== undefined && (!Buffer.isBuffer(handleKey) || handleKey.length < 16)) {
    throw invalid('handleKey must be a Buffer of at least 16 bytes')
  }
  const { logger, debugEnabled } = boundLogger(given.logger, { front: 'hive-thrift' })
  return {
    disconnectGraceMs: integer(given.disconnectGraceMs, 60_000, 'disconnectGraceMs', 0, MAX_TIMER_MS),
    maxFetchRows: integer(given.maxFetchRows, 100_000, 'maxFetchRows', 1, 2 ** 31 - 1),
    serverName: text(given.serverName, 'batchgate', 'serverName'),
    dbmsName: text(given.dbmsName, 'batchgate', 'dbmsName'),
    dbmsVersion: text(given.dbmsVersion, PACKAGE_VERSION, 'dbmsVersion'),
    handleKey,
    onError:
      given.onError ??
      ((error: unknown) => {
        logger.error({ err: error }, 'hive-thrift: internal error')
      }),
    logger,
    debugEnabled,
  }
}

function integer(value: unknown, fallback: number, name: string, min: number, max: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    const got = typeof value === 'number' ? String(value) : `a ${typeof value}`
    throw invalid(`${name} must be an integer from ${min} to ${max}, got ${got}`)
  }
  return value
}

function text(value: unknown, fallback: string, name: string): string {
  if (value === undefined) return fallback
  if (typeof value !== 'string' || value === '') throw invalid(`${name} must be a non-empty string`)
  return value
}

function invalid(message: string): BatchgateError {
  return new BatchgateError(ErrorCode.INVALID_OPTIONS, message)
}
