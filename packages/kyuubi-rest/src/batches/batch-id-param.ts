import { BatchgateError, canonicalBatchId, ErrorCode } from '@batchgate/core'
import { describeInput } from '../http/describe-input.js'
import { RestError } from '../http/rest-error.js'

/**
 * The batch id of a path, canonical (lower-case UUID). Anything that is not a UUID names no batch: 404
 * `BATCH_NOT_FOUND` with Kyuubi's "Invalid batchId" message, as Kyuubi answers.
 *
 * @example
 * ```ts
 * batchIdParam('6C7E3A4E-1F0B-4C52-9A57-2F1D3C4B5A69') // '6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69'
 * ```
 */
export function batchIdParam(value: string | undefined): string {
  try {
    return canonicalBatchId(value)
  } catch (error) {
    if (!BatchgateError.is(error, ErrorCode.INVALID_BATCH_ID)) throw error
    throw batchNotFound(value ?? '')
  }
}

/** 404 `BATCH_NOT_FOUND` for `id`, in Kyuubi's words. */
export function batchNotFound(id: string): RestError {
  return new RestError(404, ErrorCode.BATCH_NOT_FOUND, `Invalid batchId: ${describeInput(id)}`)
}
