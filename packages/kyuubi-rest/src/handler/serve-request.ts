import type { IncomingMessage, ServerResponse } from 'node:http'
import { ErrorCode } from '@batchgate/core'
import { ANONYMOUS_USER } from '../auth/kyuubi-none-auth.js'
import { describeInput } from '../http/describe-input.js'
import { RETRY_AFTER_SECONDS, restErrorOf } from '../http/error-statuses.js'
import { QueryParams } from '../http/query-params.js'
import { readJsonBody, type JsonBody } from '../http/read-json-body.js'
import { requestTarget } from '../http/request-target.js'
import type { Reply } from '../http/reply.js'
import { RestError, RestErrorCode } from '../http/rest-error.js'
import { sendError, sendReply } from '../http/send-reply.js'
import { authenticateRequest } from './authenticate-request.js'
import type { KyuubiRestEngine } from './kyuubi-rest-engine.js'
import type { KyuubiRestSettings } from './kyuubi-rest-options.js'
import type { RouteTable } from './route-table.js'

const NO_BODY: JsonBody = { empty: true }

/** What every request of one handler shares. */
export interface ServeEnvironment {
  readonly engine: KyuubiRestEngine
  readonly settings: KyuubiRestSettings
  readonly table: RouteTable
  /** Aborted by the handler's `close()`: new requests are refused. */
  readonly closing: AbortSignal
  /**
   * The abort of every request under way, which the handler's `close()` calls: a `Set` entry per request
   * costs far less than an `abort` listener on `closing` (an `EventTarget` listener, a few µs each).
   */
  readonly underWay: Set<() => void>
}

/** Where a request is when it times out: its body still arriving (408), or anything else (503). */
type Phase = 'receiving' | 'answering'

/**
 * Serves one request: finds its route (404, or 405 with `Allow`), authenticates it (401), reads its body
 * (413, 415, 400), runs the route, and answers, all within `requestTimeoutMs`. It never rejects for a
 * client's doing; a route's bug is answered 500 and reported, and a late outcome after a timeout is
 * dropped (its rejection handled). A path outside the base path goes to `next` when the host framework
 * gave one (Express, Connect), else is answered 404.
 *
 * @example
 * ```ts
 * server.on('request', (req, res) => void serveRequest(req, res, undefined, environment))
 * ```
 */
export async function serveRequest(
  req: IncomingMessage,
  res: ServerResponse,
  next: ((error?: unknown) => void) | undefined,
  environment: ServeEnvironment,
): Promise<void> {
  const { settings, table } = environment
  const url = requestTarget(req.url)
  const relative = url === undefined ? undefined : relativePath(url.pathname, settings.basePath)
  if (url === undefined || relative === undefined) {
    if (next !== undefined) next()
    else sendError(res, notFound(req, url?.pathname ?? ''), !req.complete)
    return
  }
  const found = table.find(req.method, relative)
  if (found === undefined) {
    const allowed = table.allowed(relative)
    const error =
      allowed.length === 0
        ? notFound(req, url.pathname)
        : new RestError(
            405,
            RestErrorCode.METHOD_NOT_ALLOWED,
            `${url.pathname} does not answer ${req.method ?? 'this method'}; it answers ${allowed.join(', ')}`,
            { Allow: allowed.join(', ') },
          )
    sendError(res, error, !req.complete)
    return
  }
  if (environment.closing.aborted) {
    const closed = new RestError(503, ErrorCode.CLOSED, 'the server is shutting down', {
      'Retry-After': RETRY_AFTER_SECONDS,
    })
    sendError(res, closed, !req.complete)
    return
  }

  // Only for a route that reads it (see Route.signal): the others skip the controller and its registrations.
  const controller = found.route.signal === true ? new AbortController() : undefined
  const abort = (): void => {
    controller?.abort()
  }
  if (controller !== undefined) {
    res.once('close', abort)
    environment.underWay.add(abort)
  }
  const deadline = Date.now() + settings.requestTimeoutMs
  let phase: Phase = 'answering'
  const work = (async (): Promise<Reply> => {
    const user =
      found.route.public === true ? ANONYMOUS_USER : await authenticateRequest(req, settings.authenticate)
    phase = 'receiving'
    const body = found.route.body === true ? await readJsonBody(req, settings.maxBodyBytes) : NO_BODY
    phase = 'answering'
    return found.route.handle({
      req,
      params: found.params,
      query: new QueryParams(url.search),
      context: { user },
      body,
      signal: controller?.signal,
      deadline,
      engine: environment.engine,
      settings,
    })
  })()
  // One promise settled by whichever comes first, the work or the timer (a race of two promises cost
  // two more promises and their reactions per request).
  let timer: NodeJS.Timeout | undefined
  const outcome = await new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => {
      resolve(TIMED_OUT)
    }, settings.requestTimeoutMs)
    work.then(
      (reply) => {
        resolve({ reply })
      },
      (error: unknown) => {
        resolve({ error })
      },
    )
  })
  try {
    if (outcome === TIMED_OUT) {
      controller?.abort()
      sendError(res, timeoutError(phase, settings.requestTimeoutMs), !req.complete)
      // The late outcome is not answered, but a bug in it is still reported.
      work.catch((error: unknown) => restErrorOf(error, settings.onError))
    } else if ('error' in outcome) {
      sendError(res, restErrorOf(outcome.error, settings.onError), !req.complete)
    } else {
      sendReply(res, outcome.reply, !req.complete)
    }
  } finally {
    clearTimeout(timer)
    if (controller !== undefined) {
      res.off('close', abort)
      environment.underWay.delete(abort)
    }
  }
}

const TIMED_OUT = 'timeout'

/** How a request's work ended: its reply, its error, or the timer first. */
type Outcome = { readonly reply: Reply } | { readonly error: unknown } | typeof TIMED_OUT

/** The path below the base path (`/batches`), or `undefined` when it is not under it. */
function relativePath(pathname: string, basePath: string): string | undefined {
  if (pathname === basePath) return '/'
  if (!pathname.startsWith(`${basePath}/`)) return undefined
  return pathname.slice(basePath.length)
}

function notFound(req: IncomingMessage, pathname: string): RestError {
  return new RestError(
    404,
    RestErrorCode.NOT_FOUND,
    `there is no route ${req.method ?? ''} ${describeInput(pathname)}`,
  )
}

function timeoutError(phase: Phase, ms: number): RestError {
  return phase === 'receiving'
    ? new RestError(408, RestErrorCode.REQUEST_TIMEOUT, `the request was not received within ${ms} ms`)
    : new RestError(503, RestErrorCode.REQUEST_TIMEOUT, `the server did not answer within ${ms} ms`, {
        'Retry-After': RETRY_AFTER_SECONDS,
      })
}
