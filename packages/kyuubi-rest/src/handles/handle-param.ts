import { ErrorCode } from '@batchgate/core'
import { describeInput } from '../http/describe-input.js'
import { RestError } from '../http/rest-error.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * A session handle of a path, canonical (lower-case UUID); anything else names no session: 404
 * `SESSION_NOT_FOUND`, as for a handle that never existed.
 *
 * @example
 * ```ts
 * const handle = sessionHandleParam(params.sessionHandle)
 * ```
 */
export function sessionHandleParam(value: string | undefined): string {
  return handleParam(value, ErrorCode.SESSION_NOT_FOUND, 'session')
}

/** An operation handle of a path, like {@link sessionHandleParam} with `OPERATION_NOT_FOUND`. */
export function operationHandleParam(value: string | undefined): string {
  return handleParam(value, ErrorCode.OPERATION_NOT_FOUND, 'operation')
}

function handleParam(value: string | undefined, code: ErrorCode, what: string): string {
  if (value !== undefined && UUID.test(value)) return value.toLowerCase()
  throw new RestError(
    404,
    code,
    `Invalid ${what} handle ${describeInput(value ?? '')}: there is no such ${what}`,
  )
}
