import { ErrorCode } from '@batchgate/core'
import type { Route } from '../handler/route.js'
import { sessionHandleParam } from '../handles/handle-param.js'
import { EMPTY_OK, ok } from '../http/reply.js'
import { RestError } from '../http/rest-error.js'
import { waitForOperation } from '../operations/wait-for-operation.js'
import { sessionDataDto, sessionEventDto } from './session-dto.js'
import { statementBodyOf } from './statement-request-body.js'
import { stringMapOf } from './string-map.js'

/** The part of the request timeout kept to send a synchronous statement's answer (at most 1 s). */
const ANSWER_MARGIN_SHARE = 10

/**
 * Kyuubi's `/sessions` endpoints: open (`{ configs }` → `{ identifier, kyuubiInstance }`), list the
 * caller's, describe, close, and run a statement (`→ { identifier }`). A session belongs to its user: another user's handle is
 * 404, as an unknown one. A synchronous statement (`runAsync` false) is answered when it ends, or with its
 * handle still running just before the request timeout.
 *
 * @example
 * ```ts
 * new RouteTable([...sessionRoutes])
 * ```
 */
export const sessionRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: '/sessions',
    body: true,
    async handle({ engine, body, context }) {
      const value = body.empty ? {} : body.value
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new RestError(
          400,
          ErrorCode.INVALID_REQUEST,
          'the request body must be a JSON object (a SessionOpenRequest)',
        )
      }
      const configs = stringMapOf((value as Record<string, unknown>).configs, 'configs')
      const session = await engine.sessions.open(configs, context)
      return ok({ identifier: session.handle, kyuubiInstance: session.instanceId })
    },
  },
  {
    method: 'GET',
    path: '/sessions',
    handle({ engine, context }) {
      const now = Date.now()
      return ok(engine.sessions.list(context).map((session) => sessionDataDto(session, now)))
    },
  },
  {
    method: 'GET',
    path: '/sessions/:sessionHandle',
    handle({ engine, params, context }) {
      return ok(sessionEventDto(engine.sessions.get(sessionHandleParam(params.sessionHandle), context)))
    },
  },
  {
    method: 'DELETE',
    path: '/sessions/:sessionHandle',
    async handle({ engine, params, context }) {
      await engine.sessions.close(sessionHandleParam(params.sessionHandle), context)
      return EMPTY_OK
    },
  },
  {
    method: 'POST',
    path: '/sessions/:sessionHandle/operations/statement',
    body: true,
    signal: true,
    async handle({ engine, params, body, context, deadline, signal, settings }) {
      const sessionHandle = sessionHandleParam(params.sessionHandle)
      const { request, runAsync } = statementBodyOf(body)
      // Always started asynchronously: a synchronous caller is answered by waiting below, so the handle
      // is never lost to the request timeout.
      const handle = await engine.sessions.executeStatement(sessionHandle, request, context)
      if (!runAsync) {
        const margin = Math.min(1000, settings.requestTimeoutMs / ANSWER_MARGIN_SHARE)
        if (signal === undefined) throw new Error('the statement route is given its signal: it declares one')
        await waitForOperation(engine.operations, handle, context, deadline - margin, signal)
      }
      return ok({ identifier: handle })
    },
  },
]
