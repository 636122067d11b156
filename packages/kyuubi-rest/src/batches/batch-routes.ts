import { BatchgateError, ErrorCode, isTerminalState, type Batch, type RequestContext } from '@batchgate/core'
import type { KyuubiRestEngine } from '../handler/kyuubi-rest-engine.js'
import type { Route } from '../handler/route.js'
import { ok } from '../http/reply.js'
import { RestError } from '../http/rest-error.js'
import { batchDto } from './batch-dto.js'
import { batchIdParam, batchNotFound } from './batch-id-param.js'
import { batchRequestOf } from './batch-request-body.js'
import { listBatches } from './list-batches.js'
import { proxyUserOf, submissionContext } from './proxy-user.js'
import { reassignedInstanceOf, reassignResponseDto } from './reassign-batches.js'
import { requireAdmin } from '../admin/require-admin.js'

/**
 * Kyuubi's `/batches` endpoints: submit (a duplicate of a stored id answers the stored batch, 200,
 * `batchInfo['kyuubi.batch.duplicated'] = 'true'`), get, list, local log, delete (cancel), and reassign
 * (admins only: move a lost instance's unfinished batches to this one now).
 *
 * @example
 * ```ts
 * new RouteTable([...batchRoutes])
 * ```
 */
export const batchRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: '/batches',
    body: true,
    async handle({ engine, body, context }) {
      const request = batchRequestOf(body)
      const submitter = submissionContext(engine, context, proxyUserOf(request.conf))
      return ok(batchDto(await engine.batches.submit(request, submitter)))
    },
  },
  {
    method: 'POST',
    path: '/batches/reassign',
    body: true,
    async handle({ engine, body, context }) {
      requireAdmin(engine, context, 'reassign batches')
      const instance = reassignedInstanceOf(body)
      return ok(reassignResponseDto(await engine.batches.reassign(instance, context)))
    },
  },
  {
    method: 'GET',
    path: '/batches',
    async handle({ engine, query, context, settings }) {
      return ok(await listBatches(engine, query, context, settings.maxListScan))
    },
  },
  {
    method: 'GET',
    path: '/batches/:batchId',
    async handle({ engine, params, context }) {
      return ok(batchDto(await storedBatch(engine, params.batchId, context)))
    },
  },
  {
    method: 'GET',
    path: '/batches/:batchId/localLog',
    async handle({ engine, params, query, context }) {
      const id = batchIdParam(params.batchId)
      // Kyuubi's default `from=-1` means "after the lines this instance served last"; batchgate keeps
      // no reader state, so it reads from the first line, as kyuubi-ctl's own loop starts.
      const from = query.integer('from', -1)
      const size = query.integer('size', 100)
      if (from < -1)
        throw new RestError(400, ErrorCode.INVALID_REQUEST, `from must be -1 or more, got ${from}`)
      const page = await engine.batches.log(id, { from: Math.max(from, 0), size }, context)
      return ok({ logRowSet: page.lines, rowCount: page.lines.length })
    },
  },
  {
    method: 'DELETE',
    path: '/batches/:batchId',
    async handle({ engine, params, context }) {
      const before = await storedBatch(engine, params.batchId, context).catch((error: unknown) => {
        // The read is only the first step: say what the caller asked for.
        if (BatchgateError.is(error) && error.code === ErrorCode.PERMISSION_DENIED) {
          throw new BatchgateError(
            ErrorCode.PERMISSION_DENIED,
            `user ${context.user} may not cancel batch ${batchIdParam(params.batchId)}`,
            { cause: error },
          )
        }
        throw error
      })
      const id = before.id
      if (isTerminalState(before.state)) {
        return ok({ success: false, msg: `batch ${id} has already ended: ${before.state}` })
      }
      const after = await engine.batches.cancel(id, context)
      return after.state === 'CANCELED'
        ? ok({ success: true, msg: `batch ${id} canceled by ${context.user}` })
        : ok({ success: false, msg: `batch ${id} ended ${after.state} before it could be canceled` })
    },
  },
]

/** The batch a path names, as `context`'s user may see it; 404 `BATCH_NOT_FOUND` when there is none. */
async function storedBatch(
  engine: KyuubiRestEngine,
  batchId: string | undefined,
  context: RequestContext,
): Promise<Batch> {
  const id = batchIdParam(batchId)
  const batch = await engine.batches.get(id, context)
  if (batch === undefined) throw batchNotFound(id)
  return batch
}
