import type { IncomingMessage, ServerResponse } from 'node:http'
import { requestChannel } from '@batchgate/core/diagnostics'
import { observeRequest } from './observe-request.js'
import { routeRequest } from './route-request.js'
import type { ServeEnvironment } from './serve-environment.js'

export type { ServeEnvironment } from './serve-environment.js'

/**
 * Serves one request: finds its route (404, or 405 with `Allow`), authenticates it (401), reads its body
 * (413, 415, 400), runs the route, and answers, all within `requestTimeoutMs`. It never rejects for a
 * client's doing; a route's bug is answered 500 and reported, and a late outcome after a timeout is
 * dropped (its rejection handled). A path outside the base path goes to `next` when the host framework
 * gave one (Express, Connect), else is answered 404.
 *
 * With a subscriber on `batchgate:request` (or a logger writing debug lines), the request is observed
 * (see `observeRequest`); otherwise nothing is built for it: the path is the same as without either.
 *
 * @example
 * ```ts
 * server.on('request', (req, res) => void serveRequest(req, res, undefined, environment))
 * ```
 */
export function serveRequest(
  req: IncomingMessage,
  res: ServerResponse,
  next: ((error?: unknown) => void) | undefined,
  environment: ServeEnvironment,
): Promise<void> {
  if (requestChannel.hasSubscribers || environment.settings.debugEnabled()) {
    return observeRequest(req, res, next, environment)
  }
  return routeRequest(req, res, next, environment, undefined)
}
