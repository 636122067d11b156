/// <reference types="node" preserve="true" />
import { BatchgateError, ErrorCode } from '@batchgate/core'

/**
 * How `hiveThriftFetcher` authenticates. `{ user, password }`: SASL PLAIN on the binary transport
 * (HiveServer2's default, `hive.server2.authentication=NONE|LDAP|CUSTOM`), `Authorization: Basic` on
 * HTTP. `{ nosasl: true }`: no authentication at all — the binary transport sends unframed Thrift
 * messages (`hive.server2.authentication=NOSASL`), HTTP sends no `Authorization` header. The password is
 * never part of an error or a log line.
 *
 * @example
 * ```ts
 * const auth: HiveThriftAuth = { user: 'alice', password: process.env.HIVE_PASSWORD ?? '' }
 * const open: HiveThriftAuth = { nosasl: true }
 * ```
 */
export type HiveThriftAuth = { readonly user: string; readonly password: string } | { readonly nosasl: true }

/** Options of `hiveThriftFetcher`. */
export interface HiveThriftFetcherOptions {
  /** The server's host name or address. */
  readonly host: string
  /** The server's port (HiveServer2: 10000 binary, 10001 HTTP; a batchgate gateway: 10009, 10010). */
  readonly port: number
  /** `binary`: Thrift over TCP (SASL PLAIN framed, or NOSASL unframed); `http`: `POST` per call. */
  readonly transport: 'binary' | 'http'
  /** See {@link HiveThriftAuth}. */
  readonly auth: HiveThriftAuth
  /** The HTTP path (default `/cliservice`, HiveServer2's `hive.server2.thrift.http.path`); HTTP only. */
  readonly path?: string | undefined
  /**
   * How long one call may take, from (re)connecting to the end of its answer, in milliseconds (default
   * 60 000, at most 2^31 - 1); then its connection is closed and it fails as a transport error.
   * `resumableReader`'s own `fetchTimeoutMs` also aborts it, through the signal it passes.
   */
  readonly requestTimeoutMs?: number | undefined
  /**
   * The largest answer read, in bytes (default 64 MiB): a larger one fails with `INVALID_OPTIONS` (ask
   * for fewer rows a fetch), so a wrong server cannot exhaust the client's memory.
   */
  readonly maxResponseBytes?: number | undefined
}

/** {@link HiveThriftFetcherOptions} checked, with the defaults applied. */
export interface ClientSettings {
  readonly host: string
  readonly port: number
  readonly transport: 'binary' | 'http'
  /** `undefined`: NOSASL. */
  readonly credentials: { readonly user: string; readonly password: string } | undefined
  readonly path: string
  readonly requestTimeoutMs: number
  readonly maxResponseBytes: number
}

const DEFAULT_REQUEST_TIMEOUT_MS = 60_000
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024
const MAX_TIMER_MS = 2 ** 31 - 1
/** The 4-byte frame length and SASL payload length are signed 32-bit integers on the wire. */
const MAX_FRAME_BYTES = 2 ** 31 - 1

/**
 * Checks the options of `hiveThriftFetcher` once, when it is made, so a bad one never surfaces as a
 * failed fetch (and is never retried). A wrong one is `INVALID_OPTIONS` naming it, never showing the
 * password.
 *
 * @example
 * ```ts
 * const settings = clientSettings({ host: '127.0.0.1', port: 10009, transport: 'binary', auth: { nosasl: true } })
 * ```
 */
export function clientSettings(options: HiveThriftFetcherOptions): ClientSettings {
  // A JavaScript caller may pass anything: checked as unknown.
  const given: unknown = options
  const { host, port, transport } = (given ?? {}) as Partial<HiveThriftFetcherOptions>
  if (typeof host !== 'string' || host === '') throw invalid('host must be a non-empty string')
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65_535) {
    throw invalid('port must be an integer from 1 to 65535')
  }
  if (transport !== 'binary' && transport !== 'http') throw invalid("transport must be 'binary' or 'http'")
  const path = options.path ?? '/cliservice'
  if (typeof path !== 'string' || !path.startsWith('/') || /[\s?#]/.test(path)) {
    throw invalid('path must start with "/" and have no spaces, query or fragment')
  }
  const credentials = credentialsOf(options.auth)
  if (transport === 'http' && credentials?.user.includes(':') === true) {
    throw invalid('auth.user must not contain ":" over HTTP (Basic credentials are user:password)')
  }
  return {
    host,
    port,
    transport,
    credentials,
    path,
    requestTimeoutMs: positiveInteger(
      'requestTimeoutMs',
      options.requestTimeoutMs,
      DEFAULT_REQUEST_TIMEOUT_MS,
      MAX_TIMER_MS,
    ),
    maxResponseBytes: positiveInteger(
      'maxResponseBytes',
      options.maxResponseBytes,
      DEFAULT_MAX_RESPONSE_BYTES,
      MAX_FRAME_BYTES,
    ),
  }
}

/** A JavaScript caller may pass anything: checked as unknown. */
function credentialsOf(auth: unknown): ClientSettings['credentials'] {
  const { user, password, nosasl } = (auth ?? {}) as { user?: unknown; password?: unknown; nosasl?: unknown }
  if (nosasl === true) {
    if (password !== undefined) throw invalid('auth must be { user, password } or { nosasl: true }, not both')
    return undefined
  }
  if (typeof user !== 'string' || user === '') {
    throw invalid('auth must be { user, password } with a non-empty user, or { nosasl: true }')
  }
  if (typeof password !== 'string') throw invalid('auth.password must be a string')
  // PLAIN separates its fields with NUL: one inside a field would shift them.
  if (user.includes('\0') || password.includes('\0'))
    throw invalid('auth.user and auth.password must not contain NUL')
  return { user, password }
}

function positiveInteger(name: string, value: unknown, fallback: number, max: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > max) {
    throw invalid(
      `${name} must be an integer from 1 to ${max}, got ${typeof value === 'number' ? value : typeof value}`,
    )
  }
  return value
}

function invalid(message: string): BatchgateError {
  return new BatchgateError(ErrorCode.INVALID_OPTIONS, message)
}
