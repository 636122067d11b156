import { ErrorCode, FetchOrientation, isFetchOrientation } from '@batchgate/core'
import type { Route } from '../handler/route.js'
import { operationHandleParam } from '../handles/handle-param.js'
import { describeInput } from '../http/describe-input.js'
import { EMPTY_OK, ok } from '../http/reply.js'
import { RestError } from '../http/rest-error.js'
import { operationEventDto } from './operation-event-dto.js'
import { resultMetadataDto } from './result-metadata-dto.js'
import { rowSetDto } from './row-set-dto.js'

/** Kyuubi's defaults for `GET …/rowset`. */
const DEFAULT_MAX_ROWS = 100
const DEFAULT_ORIENTATION = FetchOrientation.FETCH_NEXT

/**
 * Kyuubi's `/operations` endpoints: the operation's event (state, error, times), its result's columns, a
 * block of rows (`maxrows`, default 100; `fetchorientation`, default `FETCH_NEXT`; batchgate's `offset` for
 * `FETCH_ABSOLUTE` / `FETCH_RELATIVE`), and `PUT { action: cancel | close }`. An operation belongs to its
 * session's user: another user's handle is 404, as an unknown one.
 *
 * @example
 * ```ts
 * new RouteTable([...operationRoutes])
 * ```
 */
export const operationRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/operations/:operationHandle/event',
    handle({ engine, params, context }) {
      const status = engine.operations.status(operationHandleParam(params.operationHandle), context)
      return ok(operationEventDto(status, engine.instanceId))
    },
  },
  {
    method: 'GET',
    path: '/operations/:operationHandle/resultsetmetadata',
    handle({ engine, params, context }) {
      const columns = engine.operations.resultMetadata(operationHandleParam(params.operationHandle), context)
      return ok(resultMetadataDto(columns))
    },
  },
  {
    method: 'GET',
    path: '/operations/:operationHandle/rowset',
    async handle({ engine, params, query, context }) {
      const handle = operationHandleParam(params.operationHandle)
      const operations = engine.operations
      const maxRows = query.integer('maxrows', DEFAULT_MAX_ROWS, ErrorCode.INVALID_FETCH_REQUEST)
      const orientation = query.text('fetchorientation') ?? DEFAULT_ORIENTATION
      if (!isFetchOrientation(orientation)) {
        throw new RestError(
          400,
          ErrorCode.INVALID_FETCH_REQUEST,
          `fetchorientation must be one of ${Object.values(FetchOrientation).join(', ')}, got ${describeInput(orientation)}`,
        )
      }
      const offsetText = query.text('offset')
      const offset =
        offsetText === undefined ? undefined : query.integer('offset', 0, ErrorCode.INVALID_FETCH_REQUEST)
      // The fetch first: it refuses an operation that is not FINISHED before its cursor moves, with a
      // message about fetching (the columns are there once a fetch succeeded).
      const block = await operations.fetch(handle, orientation, maxRows, offset, context)
      const columns = operations.resultMetadata(handle, context)
      return ok(rowSetDto(columns, block))
    },
  },
  {
    method: 'PUT',
    path: '/operations/:operationHandle',
    body: true,
    async handle({ engine, params, body, context }) {
      const handle = operationHandleParam(params.operationHandle)
      const action = body.empty ? undefined : (body.value as { action?: unknown } | null)?.action
      const operations = engine.operations
      const verb = typeof action === 'string' ? action.toLowerCase() : ''
      if (verb === 'cancel') {
        await operations.cancel(handle, context)
        return EMPTY_OK
      }
      if (verb === 'close') {
        await operations.close(handle, context)
        return EMPTY_OK
      }
      throw new RestError(
        400,
        ErrorCode.INVALID_REQUEST,
        'the body must be { "action": "cancel" } or { "action": "close" }',
      )
    },
  },
]
