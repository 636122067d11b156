import { BatchgateError, ErrorCode } from '@batchgate/core'

/**
 * The error for an answer over `maxResponseBytes`: `INVALID_OPTIONS`, since asking again for as many
 * rows would be refused again.
 *
 * @example
 * ```ts
 * if (length > max) throw tooLarge(max, `a frame of ${length} bytes`)
 * ```
 */
export function tooLarge(maxBytes: number, found: string): BatchgateError {
  return new BatchgateError(
    ErrorCode.INVALID_OPTIONS,
    `the server's answer is larger than maxResponseBytes (${maxBytes}; ${found}): fetch fewer rows at a time or raise maxResponseBytes`,
  )
}
