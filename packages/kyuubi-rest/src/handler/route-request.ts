import type { IncomingMessage, ServerResponse } from 'node:http'
import { ErrorCode } from '@batchgate/core'
import type { WireRequestMessage } from '@batchgate/core/diagnostics'
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
import type { KyuubiRestSettings } from './kyuubi-rest-options.js'
import type { ServeEnvironment } from './serve-environment.js'

const NO_BODY: JsonBody = { empty: true }

/** Where a request is when it times out: its body still arriving (408), or anything else (503). */
type Phase = 'receiving' | 'answering'

/**
 * `serveRequest`'s work, writing what it answers on `record` when given: the route's template,
 * the user once authenticated, and the error code of an error answer (the status is read from the
 * response afterwards).
 *
 * @example
 * ```ts
 * await routeRequest(req, res, next, environment, record)
 * ```
 */
export async function routeRequest(
  req: IncomingMessage,
  res: ServerResponse,
  next: ((error?: unknown) => void) | undefined,
  environment: ServeEnvironment,
  record: WireRequestMessage | undefined,
): Promise<void> {
  const { settings, table } = environment
  const url = requestTarget(req.url)
  const relative = url === undefined ? undefined : relativePath(url.pathname, settings.basePath)
  if (url === undefined || relative === undefined) {
    if (next !== undefined) next()
    else answerError(res, notFound(req, url?.pathname ?? ''), !req.complete, record)
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
    answerError(res, error, !req.complete, record)
    return
  }
  if (record !== undefined) record.route = found.template
  if (environment.closing.aborted) {
    const closed = new RestError(503, ErrorCode.CLOSED, 'the server is shutting down', {
      'Retry-After': RETRY_AFTER_SECONDS,
    })
    answerError(res, closed, !req.complete, record)
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
    let user = ANONYMOUS_USER
    if (found.route.public !== true) {
      user = await authenticateRequest(req, settings.authenticate)
      if (record !== undefined) record.user = user
    }
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
      settings.logger.warn({ method: req.method, route: found.template }, 'kyuubi-rest: request timed out')
      answerError(res, timeoutError(phase, settings.requestTimeoutMs), !req.complete, record)
      // The late outcome is not answered, but a bug in it is still reported.
      work.catch((error: unknown) => restErrorOf(error, settings.onError))
    } else if ('error' in outcome) {
      const answer = restErrorOf(outcome.error, settings.onError)
      if (answer.status === 401) logRefusal(req, found.template, answer, settings)
      answerError(res, answer, !req.complete, record)
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

/** Answers an error, noting its code on the request's record (when observed). */
function answerError(
  res: ServerResponse,
  error: RestError,
  closeConnection: boolean,
  record: WireRequestMessage | undefined,
): void {
  if (record !== undefined) record.errorCode = error.code
  sendError(res, error, closeConnection)
}

/**
 * An authentication failure, at debug level: a scanner or a misconfigured client repeats it at the rate
 * it likes, which must not flood an operator's warn/info log (the per-request debug line and the
 * `batchgate:request` channel count them too). Only the answer's message, written for the client (an
 * `AuthenticationError`'s or "authentication failed"), is logged: never the credentials.
 */
function logRefusal(
  req: IncomingMessage,
  route: string,
  answer: RestError,
  settings: KyuubiRestSettings,
): void {
  if (!settings.debugEnabled()) return
  settings.logger.debug?.(
    { method: req.method, route, reason: answer.message },
    'kyuubi-rest: authentication failed',
  )
}

/** How a request's work ended: its reply, its error, or the timer first. */
type Outcome = { readonly reply: Reply } | { readonly error: unknown } | typeof TIMED_OUT

/** The path below the base path (`/batches`), or `undefined` when it is not under it. */
export function relativePath(pathname: string, basePath: string): string | undefined {
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
