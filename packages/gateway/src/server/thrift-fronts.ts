/// <reference types="node" preserve="true" />
import {
  tcliService,
  thriftBinaryServer,
  thriftHttpHandler,
  thriftNoAuth,
  thriftPasswordAuth,
  type HiveThriftEngine,
  type ThriftAuthenticate,
} from '@batchgate/hive-thrift'
import type { Logger } from '@batchgate/core'
import type { PasswordCheck } from '../auth/users-file.js'
import { listenHttp, type ListeningServer } from './http-server.js'
import { listenTcp, type ListeningTcpServer } from './tcp-server.js'

/** The path of the Thrift HTTP front, as HiveServer2's `hive.server2.thrift.http.path` default. */
export const THRIFT_HTTP_PATH = '/cliservice'

/** Options of {@link startThriftFronts}. */
export interface ThriftFrontsOptions {
  readonly host: string
  /** The binary port (SASL PLAIN and NOSASL); `null`: not served. 0 picks a free one. */
  readonly port: number | null
  /** The HTTP port; `null`: not served. 0 picks a free one. */
  readonly httpPort: number | null
  /** `undefined`: `--auth none`; else the users file's check (`--auth basic`). */
  readonly passwordCheck: PasswordCheck | undefined
  /** How long a session outlives its dropped TCP connection. */
  readonly disconnectGraceMs: number
  /** Where the service and the transports log (refused connections, bugs, and every call at debug). */
  readonly logger: Logger
}

/** The gateway's running Thrift fronts. */
export interface ThriftFronts {
  /** The binary front's printed host (`[::1]` for IPv6) and bound port; `undefined` when off. */
  readonly binary: { readonly host: string; readonly port: number } | undefined
  /** `http://HOST:PORT/cliservice`; `undefined` when off. */
  readonly httpUrl: string | undefined
  /**
   * Stops accepting connections and closes the binary ones at once (a call in flight gets no reply);
   * gives the HTTP requests in flight `graceMs` to be answered; then closes the service (its grace
   * timers). The sessions stay in the engine, which the caller closes after this.
   */
  close(graceMs: number): Promise<void>
}

/**
 * The Thrift authentication that matches the REST front's `--auth`: `none` (no check) lets anyone in
 * under the name they give (NOSASL, or SASL PLAIN with any password); `basic` checks SASL PLAIN and HTTP
 * Basic against the users file, and so refuses NOSASL, which carries no credentials.
 *
 * @example
 * ```ts
 * const authenticate = thriftAuthFor(passwordCheckFromFile('/etc/batchgate/users'))
 * ```
 */
export function thriftAuthFor(passwordCheck: PasswordCheck | undefined): ThriftAuthenticate {
  return passwordCheck === undefined ? thriftNoAuth() : thriftPasswordAuth({ verify: passwordCheck })
}

/**
 * Serves HiveServer2's TCLIService over `engine` on the binary and HTTP ports that are on (none: no
 * service is created).
 *
 * @example
 * ```ts
 * const fronts = await startThriftFronts(engine, {
 *   host: '127.0.0.1', port: 10009, httpPort: 10010, passwordCheck: undefined, disconnectGraceMs: 60_000,
 *   logger: pino(),
 * })
 * console.log(`thrift binary listening on ${fronts.binary?.host}:${fronts.binary?.port}`)
 * await fronts.close(30_000)
 * ```
 */
export async function startThriftFronts(
  engine: HiveThriftEngine,
  options: ThriftFrontsOptions,
): Promise<ThriftFronts> {
  if (options.port === null && options.httpPort === null) {
    return { binary: undefined, httpUrl: undefined, close: () => Promise.resolve() }
  }
  const authenticate = thriftAuthFor(options.passwordCheck)
  const { logger } = options
  // The fronts log (pino's shape): refused connections and undecodable messages at warn or debug, bugs
  // at error, every call at debug; never a password or a statement's text.
  const service = tcliService(engine, { disconnectGraceMs: options.disconnectGraceMs, logger })
  const httpHandler =
    options.httpPort === null
      ? undefined
      : thriftHttpHandler(service, { authenticate, path: THRIFT_HTTP_PATH, logger })
  let binary: ListeningTcpServer | undefined
  let http: ListeningServer | undefined
  const close = async (graceMs: number): Promise<void> => {
    // In this order: the calls in flight are answered before the service they use is closed.
    await Promise.all([binary?.close(), http?.close(graceMs)])
    await httpHandler?.close()
    await service.close()
  }
  try {
    if (options.port !== null) {
      binary = await listenTcp(thriftBinaryServer(service, { authenticate, logger }), {
        host: options.host,
        port: options.port,
      })
    }
    if (httpHandler !== undefined && options.httpPort !== null) {
      http = await listenHttp(httpHandler, { host: options.host, port: options.httpPort })
    }
  } catch (error) {
    await close(0)
    throw error
  }
  return {
    binary: binary === undefined ? undefined : { host: binary.host, port: binary.port },
    httpUrl: http === undefined ? undefined : `${http.url}${THRIFT_HTTP_PATH}`,
    close,
  }
}
