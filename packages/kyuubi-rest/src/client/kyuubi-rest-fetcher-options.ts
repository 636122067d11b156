/// <reference types="node" preserve="true" />
import { BatchgateError, ErrorCode } from '@batchgate/core'

/** The user and password `kyuubiRestFetcher` sends as `Authorization: Basic` on every request. */
export interface KyuubiRestCredentials {
  readonly user: string
  readonly password: string
}

/** Options of `kyuubiRestFetcher`. */
export interface KyuubiRestFetcherOptions {
  /** Sent as `Authorization: Basic` (Kyuubi's NONE mode reads only the user). Never shown in an error. */
  readonly auth: KyuubiRestCredentials
  /** The `fetch` to use (default Node's global `fetch`): a host's own agent, proxy or TLS settings. */
  readonly fetch?: typeof globalThis.fetch | undefined
  /** Extra request headers (a tracing id, a gateway's own header); `Authorization` is always `auth`'s. */
  readonly headers?: Readonly<Record<string, string>> | undefined
  /**
   * How long one request may take, from sending it to the end of its answer, in milliseconds (default
   * 60 000, at most 2^31 - 1); then it is aborted and fails as a transport error. `resumableReader`'s own
   * `fetchTimeoutMs` also aborts it, through the signal it passes.
   */
  readonly requestTimeoutMs?: number | undefined
  /**
   * The largest answer read, in bytes (default 64 MiB): a larger one fails with `INVALID_OPTIONS`
   * (ask for fewer rows a fetch), so a wrong server cannot exhaust the client's memory.
   */
  readonly maxResponseBytes?: number | undefined
}

/** {@link KyuubiRestFetcherOptions} checked, with the defaults applied and the request parts built. */
export interface FetcherSettings {
  /** `…/operations/{handle}/rowset`, without a query. */
  readonly rowSetUrl: string
  readonly fetch: typeof globalThis.fetch
  readonly headers: Readonly<Record<string, string>>
  readonly user: string
  readonly requestTimeoutMs: number
  readonly maxResponseBytes: number
}

const DEFAULT_REQUEST_TIMEOUT_MS = 60_000
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024
const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * Checks the arguments of `kyuubiRestFetcher` once, when it is made, so a bad one never surfaces as a
 * failed fetch (and is never retried). A wrong one is `INVALID_OPTIONS` naming it, never showing the
 * password.
 *
 * @example
 * ```ts
 * const settings = fetcherSettings('http://127.0.0.1:10099/api/v1', handle, { auth: { user: 'alice', password } })
 * ```
 */
export function fetcherSettings(
  baseUrl: string,
  operationHandle: string,
  options: KyuubiRestFetcherOptions,
): FetcherSettings {
  const base = parseBaseUrl(baseUrl)
  if (typeof operationHandle !== 'string' || operationHandle === '') {
    throw invalid(
      'operationHandle must be a non-empty string (the identifier POST …/operations/statement answered)',
    )
  }
  const auth = credentialsOf(options.auth)
  if (auth.user.includes(':'))
    throw invalid('auth.user must not contain ":" (Basic credentials are user:password)')
  const fetch = options.fetch ?? globalThis.fetch
  if (typeof fetch !== 'function') throw invalid('fetch must be a function like the global fetch')
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (typeof value !== 'string') throw invalid(`headers.${name} must be a string`)
    if (name.toLowerCase() !== 'authorization') headers[name] = value
  }
  headers.Accept = 'application/json'
  headers.Authorization = `Basic ${Buffer.from(`${auth.user}:${auth.password}`, 'utf8').toString('base64')}`
  return {
    rowSetUrl: `${base}/operations/${encodeURIComponent(operationHandle)}/rowset`,
    fetch,
    headers,
    user: auth.user,
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
      Number.MAX_SAFE_INTEGER,
    ),
  }
}

/** A JavaScript caller may pass anything: checked as unknown. */
function credentialsOf(auth: unknown): KyuubiRestCredentials {
  const { user, password } = (auth ?? {}) as { user?: unknown; password?: unknown }
  if (typeof user !== 'string' || user === '')
    throw invalid('auth must be { user, password } with a non-empty user')
  if (typeof password !== 'string') throw invalid('auth.password must be a string')
  return { user, password }
}

function parseBaseUrl(baseUrl: unknown): string {
  if (typeof baseUrl !== 'string')
    throw invalid('baseUrl must be a string like http://127.0.0.1:10099/api/v1')
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    // Without the parser's error as cause: it quotes the input, which may hold credentials.
    throw invalid('baseUrl must be an absolute URL like http://127.0.0.1:10099/api/v1')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid(`baseUrl must be an http: or https: URL, got ${url.protocol}`)
  }
  // Credentials in the URL would end up in error messages (undici's, the host's logs): use `auth`.
  if (url.username !== '' || url.password !== '')
    throw invalid('baseUrl must not hold credentials: pass them as auth')
  if (url.search !== '' || url.hash !== '') throw invalid('baseUrl must have no query or fragment')
  return url.href.replace(/\/+$/, '')
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
