/// <reference types="node" preserve="true" />
import type { IncomingMessage, ServerResponse } from 'node:http'
import { adminRoutes } from '../admin/admin-routes.js'
import { batchRoutes } from '../batches/batch-routes.js'
import { operationRoutes } from '../operations/operation-routes.js'
import { sessionRoutes } from '../sessions/session-routes.js'
import { answerUnexpected } from './answer-unexpected.js'
import type { KyuubiRestEngine } from './kyuubi-rest-engine.js'
import { resolveRestOptions, type KyuubiRestOptions } from './kyuubi-rest-options.js'
import { RouteTable } from './route-table.js'
import { serviceRoutes } from './service-routes.js'
import { serveRequest, type ServeEnvironment } from './serve-request.js'

/**
 * A Node request listener serving Kyuubi's REST API v1, which `node:http`'s `createServer`, Express and
 * Connect accept as they are. Under Express or Connect, a request outside the base path goes to `next`.
 *
 * @example
 * ```ts
 * const handler: KyuubiRestHandler = kyuubiRestHandler(engine, { authenticate: kyuubiNoneAuth() })
 * app.use(handler)
 * ```
 */
export interface KyuubiRestHandler {
  (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void): void
  /**
   * Answers new requests 503 `CLOSED`, stops the waits of requests under way (a synchronous statement is
   * answered with its handle), and resolves when every request under way has been answered. It does not
   * close the engine or the server. Idempotent.
   */
  close(): Promise<void>
}

/**
 * Kyuubi's REST API v1 — batches, sessions and statement operations — over a batchgate engine, mounted at
 * `/api/v1` by default. Authentication is the host's choice and has no default.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http'
 * import { kyuubiRestHandler, basicAuth } from '@batchgate/kyuubi-rest'
 *
 * const handler = kyuubiRestHandler(engine, {
 *   authenticate: basicAuth({ verify: (user, password) => checkPassword(user, password) }),
 * })
 * createServer(handler).listen(10099, '127.0.0.1')
 * ```
 * @throws BatchgateError `INVALID_OPTIONS` for a missing `authenticate` or a bad option.
 */
export function kyuubiRestHandler(engine: KyuubiRestEngine, options: KyuubiRestOptions): KyuubiRestHandler {
  const settings = resolveRestOptions(options)
  const closing = new AbortController()
  const underWay = new Set<() => void>()
  // close() aborts every request under way through one listener, not one per request (each request
  // adds its abort to `underWay` instead, much cheaper than an EventTarget listener).
  closing.signal.addEventListener(
    'abort',
    () => {
      for (const abort of underWay) abort()
    },
    { once: true },
  )
  const environment: ServeEnvironment = {
    engine,
    settings,
    table: new RouteTable(
      [...serviceRoutes, ...batchRoutes, ...sessionRoutes, ...operationRoutes, ...adminRoutes],
      settings.basePath,
    ),
    closing: closing.signal,
    underWay,
  }
  const inFlight = new Set<Promise<void>>()
  let closed: Promise<void> | undefined

  const handler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void): void => {
    const served = serveRequest(req, res, typeof next === 'function' ? next : undefined, environment).catch(
      (error: unknown) => {
        answerUnexpected(res, error, settings)
      },
    )
    inFlight.add(served)
    void served.finally(() => inFlight.delete(served))
  }
  handler.close = (): Promise<void> => {
    closed ??= (async () => {
      closing.abort()
      while (inFlight.size > 0) await Promise.allSettled(inFlight)
    })()
    return closed
  }
  return handler
}
