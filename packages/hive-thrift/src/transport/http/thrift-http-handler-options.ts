import type { Logger } from '@batchgate/core'
import type { ThriftAuthenticate } from '../thrift-authenticate.js'
import type { ThriftPeer } from '../thrift-message-processor.js'
import type { ThriftTransportError } from '../thrift-transport-error.js'
import { transportErrorLogger } from '../transport-error-logger.js'

/**
 * Options of {@link thriftHttpHandler}.
 *
 * @example
 * ```ts
 * const options: ThriftHttpHandlerOptions = { authenticate: thriftPasswordAuth({ verify }), path: '/cliservice' }
 * ```
 */
export interface ThriftHttpHandlerOptions {
  /** Who a request acts as: called with its Basic credentials, or `undefined` without `Authorization`. */
  readonly authenticate: ThriftAuthenticate
  /** The path Thrift messages are POSTed to. Default `/cliservice` (HiveServer2's `hive.server2.thrift.http.path`). */
  readonly path?: string | undefined
  /** The largest request body (one Thrift message); a larger one is answered 413. Default 16 MiB. */
  readonly maxMessageBytes?: number | undefined
  /** The time the whole request body has to arrive; then 408. Default 30 s. */
  readonly bodyTimeoutMs?: number | undefined
  /** The realm of the `WWW-Authenticate: Basic` challenge in a 401. Default `batchgate`. */
  readonly realm?: string | undefined
  /**
   * Told why a request was refused (for the host's log; the message holds no password). Default: logged
   * to `logger` (see `logger`).
   */
  readonly onError?: ((error: ThriftTransportError, peer: ThriftPeer) => void) | undefined
  /**
   * Where the default `onError` logs (pino's shape), bound to `front: 'hive-thrift'`, with
   * `remoteAddress`, `transport` and `code`: `warn` a framing error, a breached limit or a timeout,
   * `debug` an authentication failure (a scanner must not flood the log), a client that went away or
   * idled out, and a message that does not decode (the service logs that one at warn), `error` a
   * processor that failed. Default `quietConsoleLogger()`: warn and error to `console.error`.
   */
  readonly logger?: Logger | undefined
}

/** {@link ThriftHttpHandlerOptions} with the defaults applied and the limits checked. */
export interface HttpHandlerSettings {
  readonly authenticate: ThriftAuthenticate
  readonly path: string
  readonly maxMessageBytes: number
  readonly bodyTimeoutMs: number
  readonly realm: string
  readonly onError: (error: ThriftTransportError, peer: ThriftPeer) => void
}

/** The defaults of {@link ThriftHttpHandlerOptions}. */
export const HTTP_HANDLER_DEFAULTS = {
  path: '/cliservice',
  maxMessageBytes: 16 * 1024 * 1024,
  bodyTimeoutMs: 30_000,
  realm: 'batchgate',
} as const

/**
 * Applies the defaults and checks the options.
 *
 * @example
 * ```ts
 * httpHandlerSettings({ authenticate: thriftNoAuth() }).path // '/cliservice'
 * ```
 */
export function httpHandlerSettings(options: ThriftHttpHandlerOptions): HttpHandlerSettings {
  if (typeof options.authenticate !== 'function') {
    throw new TypeError(
      'thriftHttpHandler needs an authenticate function (thriftPasswordAuth, thriftNoAuth, or your own)',
    )
  }
  const path = options.path ?? HTTP_HANDLER_DEFAULTS.path
  if (!path.startsWith('/') || /[?#\s]/.test(path)) {
    throw new RangeError(`thriftHttpHandler: path must be an absolute path without query, got ${path}`)
  }
  const realm = options.realm ?? HTTP_HANDLER_DEFAULTS.realm
  if (!/^[\x20-\x7e]*$/.test(realm) || realm.includes('"') || realm.includes('\\')) {
    throw new RangeError('thriftHttpHandler: realm must be printable ASCII without quotes or backslashes')
  }
  const positive = (name: 'maxMessageBytes' | 'bodyTimeoutMs', max: number): number => {
    const value = options[name] ?? HTTP_HANDLER_DEFAULTS[name]
    if (!Number.isInteger(value) || value <= 0 || value > max) {
      throw new RangeError(`thriftHttpHandler: ${name} must be an integer from 1 to ${max}, got ${value}`)
    }
    return value
  }
  return {
    authenticate: options.authenticate,
    path,
    maxMessageBytes: positive('maxMessageBytes', 2 ** 31 - 1),
    bodyTimeoutMs: positive('bodyTimeoutMs', 2 ** 31 - 1),
    realm,
    onError: options.onError ?? transportErrorLogger(options.logger),
  }
}
