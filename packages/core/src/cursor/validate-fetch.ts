import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'
import {
  FETCH_ORIENTATIONS,
  isFetchOrientation,
  takesOffset,
  type FetchOrientation,
} from './fetch-orientation.js'
import type { FetchPolicy } from './cursor-options.js'
import { checkInteger, describeValue } from './option-checks.js'

/** A fetch whose arguments passed {@link validateFetch}; `offset` is 0 for orientations that take none. */
export interface FetchRequest {
  readonly orientation: FetchOrientation
  readonly maxRows: number
  readonly offset: number
}

/**
 * Checks a fetch's arguments against a cursor's policy, synchronously, so a bad fetch is refused before
 * it queues behind other fetches or touches the cursor's position. The arguments are `unknown` because
 * hosts pass them straight from the wire.
 */
export function validateFetch(
  policy: FetchPolicy,
  orientation: unknown,
  maxRows: unknown,
  offset: unknown,
): FetchRequest {
  if (!isFetchOrientation(orientation)) {
    throw new BatchgateError(
      ErrorCode.INVALID_FETCH_REQUEST,
      `orientation must be one of ${FETCH_ORIENTATIONS.join(', ')}, got ${describeValue(orientation)}`,
    )
  }
  if (!policy.orientations.has(orientation)) {
    throw new BatchgateError(
      ErrorCode.UNSUPPORTED_FETCH_ORIENTATION,
      `this cursor does not serve ${orientation}; it serves ${[...policy.orientations].join(', ')}`,
      { sqlState: 'HY106' },
    )
  }
  const rows = checkInteger('maxRows', maxRows, 1, policy.maxRowsLimit)
  if (!takesOffset(orientation)) {
    if (offset !== undefined) {
      throw new BatchgateError(
        ErrorCode.INVALID_FETCH_REQUEST,
        `${orientation} takes no offset, got ${describeValue(offset)}`,
      )
    }
    return { orientation, maxRows: rows, offset: 0 }
  }
  const at = checkInteger(`the offset of ${orientation}`, offset, Number.MIN_SAFE_INTEGER)
  return { orientation, maxRows: rows, offset: at }
}
