import { ErrorCode, type BatchRequest } from '@batchgate/core'
import type { JsonBody } from '../http/read-json-body.js'
import { RestError } from '../http/rest-error.js'

/**
 * The `BatchRequest` of a `POST /batches` body: its six fields read once, everything else ignored (as
 * Kyuubi's Jackson mapping ignores unknown fields). `batchType` is upper-cased as Kyuubi does, so `spark`
 * and `SPARK` are one type. The fields' types are checked by the engine (`INVALID_REQUEST` naming the
 * field, nothing stored); an empty body or one that is not an object is refused here.
 *
 * @example
 * ```ts
 * const request = batchRequestOf({ empty: false, value: { batchType: 'spark', resource: 'app.jar' } })
 * request.batchType // 'SPARK'
 * ```
 */
export function batchRequestOf(body: JsonBody): BatchRequest {
  if (body.empty) throw invalid('the request body is empty: send a BatchRequest as JSON')
  const value = body.value
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid('the request body must be a JSON object (a BatchRequest)')
  }
  const { batchType, resource, className, name, conf, args } = value as Record<string, unknown>
  // Untyped until the engine checks them: the engine's validation is the one place that does.
  return {
    batchType: typeof batchType === 'string' ? batchType.toUpperCase() : batchType,
    resource,
    className,
    name,
    conf,
    args,
  } as BatchRequest
}

function invalid(message: string): RestError {
  return new RestError(400, ErrorCode.INVALID_REQUEST, message)
}
