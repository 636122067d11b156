import type { IncomingMessage, ServerResponse } from 'node:http'
import { performance } from 'node:perf_hooks'
import { requestChannel, type WireRequestMessage } from '@batchgate/core/diagnostics'
import { requestTarget } from '../http/request-target.js'
import { answerUnexpected } from './answer-unexpected.js'
import { relativePath, routeRequest } from './route-request.js'
import type { ServeEnvironment } from './serve-environment.js'

/**
 * Serves a request as `serveRequest` does, observed: traced on `batchgate:request` when it has a
 * subscriber (`route` is the matched template including the base path, `statusCode` what was answered,
 * `user` once authenticated, `errorCode` the code of an error answer), and logged at debug level when
 * the logger writes debug lines. A request the handler passes on to `next` (outside the base path,
 * under Express) is the host's: neither traced nor logged. The traced promise never rejects: an error
 * escaping the request is answered 500 here, so the message says so.
 *
 * @example
 * ```ts
 * requestChannel.asyncEnd.subscribe((message) => console.log(message.route, message.statusCode))
 * await observeRequest(req, res, undefined, environment)
 * ```
 */
export async function observeRequest(
  req: IncomingMessage,
  res: ServerResponse,
  next: ((error?: unknown) => void) | undefined,
  environment: ServeEnvironment,
): Promise<void> {
  const { settings } = environment
  if (next !== undefined) {
    const url = requestTarget(req.url)
    if (url === undefined || relativePath(url.pathname, settings.basePath) === undefined) {
      await routeRequest(req, res, next, environment, undefined)
      return
    }
  }
  const started = performance.now()
  const record: WireRequestMessage = {
    protocol: 'kyuubi-rest',
    transport: 'http',
    method: req.method ?? '',
    route: undefined,
    user: undefined,
    statusCode: undefined,
    thriftStatus: undefined,
    errorCode: undefined,
  }
  const serve = async (): Promise<void> => {
    try {
      await routeRequest(req, res, next, environment, record)
    } catch (error) {
      record.errorCode = answerUnexpected(res, error, settings)
    }
    // Set before the traced promise settles, so asyncEnd's subscribers read it. Nothing sent (the client
    // went away first): no status.
    record.statusCode = res.headersSent ? res.statusCode : undefined
  }
  if (requestChannel.hasSubscribers) await requestChannel.tracePromise(serve, record)
  else await serve()
  if (settings.debugEnabled()) {
    settings.logger.debug?.(
      {
        method: record.method,
        route: record.route,
        statusCode: record.statusCode,
        durationMs: Math.round((performance.now() - started) * 1000) / 1000,
        user: record.user,
        errorCode: record.errorCode,
      },
      'kyuubi-rest: request',
    )
  }
}
