import { BatchgateError, ErrorCode } from '@batchgate/core'

/**
 * `SESSION_NOT_FOUND` for a session handle whose secret is wrong (or that is malformed), in core's own
 * words for a handle the caller does not have, so a forged handle learns nothing more than a closed one.
 *
 * @example
 * ```ts
 * throw sessionNotFound('6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69')
 * ```
 */
export function sessionNotFound(described: string): BatchgateError {
  return new BatchgateError(
    ErrorCode.SESSION_NOT_FOUND,
    `you have no open session ${JSON.stringify(described)}: it was never opened, was closed or idled out, or is not yours`,
  )
}

/**
 * `OPERATION_NOT_FOUND` for an operation handle whose secret is wrong, worded as core words it.
 *
 * @example
 * ```ts
 * throw operationNotFound('6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69')
 * ```
 */
export function operationNotFound(described: string): BatchgateError {
  return new BatchgateError(
    ErrorCode.OPERATION_NOT_FOUND,
    `you have no open operation ${JSON.stringify(described)}: it was never started, was closed or idled out, or is not yours`,
  )
}
