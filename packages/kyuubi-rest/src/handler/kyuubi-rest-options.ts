import { createRequire } from 'node:module'
import { BatchgateError, ErrorCode, type Logger, boundLogger } from '@batchgate/core'
import type { Authenticate } from '../auth/authenticate.js'

/**
 * Options of `kyuubiRestHandler`. Only `authenticate` is required.
 *
 * @example
 * ```ts
 * const options: KyuubiRestOptions = { authenticate: basicAuth({ verify }), maxBodyBytes: 256 * 1024 }
 * ```
 */
export interface KyuubiRestOptions {
  /**
   * Who a request acts as: resolve with the user, reject to answer 401. Required, with no default: pick
   * `basicAuth({ verify })`, `kyuubiNoneAuth()` (Kyuubi's NONE mode) or your own.
   */
  readonly authenticate: Authenticate
  /** Where the API is mounted (default `/api/v1`, Kyuubi's). */
  readonly basePath?: string | undefined
  /** The largest request body read, in bytes (default 1 MiB); a larger one is answered 413. */
  readonly maxBodyBytes?: number | undefined
  /**
   * How long a request may take, from its first byte to its answer (default 30 s): a body still arriving
   * then is answered 408, an engine call still running 503 with `Retry-After`. A statement run
   * synchronously is answered with its handle just before, still running.
   */
  readonly requestTimeoutMs?: number | undefined
  /** What `GET /version` answers (default this package's version). */
  readonly version?: string | undefined
  /**
   * How many batches `GET /batches` may read to answer one page (default 10 000): Kyuubi's `from`,
   * ascending order and its `batchName` / `endTime` filters are served by reading the engine's keyset
   * pages. A listing that needs more is answered 400, asking to narrow it.
   */
  readonly maxListScan?: number | undefined
  /**
   * Told about bugs (answered 500 without their message). Default: the logger's `error` with the bug as
   * `err`.
   */
  readonly onError?: ((error: unknown) => void) | undefined
  /**
   * Where the handler logs (pino's shape; pass a pino logger as it is), bound to `front: 'kyuubi-rest'`:
   * `error` a route's bug answered 500 (unless `onError` is given), `warn` a request that timed out,
   * `debug` every request (`method`, `route`, `statusCode`, `durationMs`, `user`, `errorCode`) and each
   * authentication failure. Never a body, a password, an `Authorization` header or a conf value.
   * Default `quietConsoleLogger()`: warn and error to `console.error`.
   */
  readonly logger?: Logger | undefined
}

/** {@link KyuubiRestOptions} with every default applied and checked. */
export interface KyuubiRestSettings {
  readonly authenticate: Authenticate
  readonly basePath: string
  readonly maxBodyBytes: number
  readonly requestTimeoutMs: number
  readonly version: string
  readonly maxListScan: number
  readonly onError: (error: unknown) => void
  /** The resolved `logger`, bound to `front: 'kyuubi-rest'`. */
  readonly logger: Logger
  /** Whether the logger writes debug lines now (checked before building a request's line). */
  readonly debugEnabled: () => boolean
}

/** The version `GET /version` answers by default: this package's, read from its package.json. */
export const PACKAGE_VERSION: string = (
  createRequire(import.meta.url)('../../package.json') as { version: string }
).version

/**
 * Applies the defaults and checks every option; a wrong one is `INVALID_OPTIONS` naming it.
 *
 * @example
 * ```ts
 * const settings = resolveRestOptions({ authenticate: kyuubiNoneAuth(), basePath: '/kyuubi/api/v1' })
 * ```
 */
export function resolveRestOptions(options: KyuubiRestOptions | undefined): KyuubiRestSettings {
  if (options === undefined || typeof options.authenticate !== 'function') {
    throw invalid(
      'kyuubiRestHandler needs options.authenticate: basicAuth({ verify }), kyuubiNoneAuth() or your own function',
    )
  }
  const basePath = options.basePath ?? '/api/v1'
  if (typeof basePath !== 'string' || !/^(\/[A-Za-z0-9._~-]+)*$/.test(basePath)) {
    throw invalid(
      `basePath must be empty or a path like /api/v1 (no trailing slash), got ${JSON.stringify(basePath)}`,
    )
  }
  const { logger, debugEnabled } = boundLogger(options.logger, { front: 'kyuubi-rest' })
  return {
    authenticate: options.authenticate,
    basePath,
    maxBodyBytes: positiveInteger(options.maxBodyBytes, 1024 * 1024, 'maxBodyBytes'),
    requestTimeoutMs: positiveInteger(options.requestTimeoutMs, 30_000, 'requestTimeoutMs', 2 ** 31 - 1),
    version: versionOf(options.version),
    maxListScan: positiveInteger(options.maxListScan, 10_000, 'maxListScan'),
    onError:
      options.onError ??
      ((error: unknown) => {
        logger.error({ err: error }, 'kyuubi-rest: internal error (answered 500)')
      }),
    logger,
    debugEnabled,
  }
}

function positiveInteger(
  value: unknown,
  fallback: number,
  name: string,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number') throw invalid(`${name} must be a number, got ${typeof value}`)
  if (!Number.isSafeInteger(value) || value < 1 || value > max) {
    throw invalid(`${name} must be an integer from 1 to ${max}, got ${String(value)}`)
  }
  return value
}

function versionOf(value: unknown): string {
  if (value === undefined) return PACKAGE_VERSION
  if (typeof value !== 'string' || value === '') throw invalid('version must be a non-empty string')
  return value
}

function invalid(message: string): BatchgateError {
  return new BatchgateError(ErrorCode.INVALID_OPTIONS, message)
}
