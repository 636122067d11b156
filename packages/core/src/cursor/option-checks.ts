import { BatchgateError } from '../errors/batchgate-error.js'
import { describeValue } from '../errors/describe-value.js'
import { ErrorCode } from '../errors/error-codes.js'

/** The longest delay a Node.js timer keeps (2^31 - 1 ms, about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1

// One description of untrusted values for every message of core; re-exported for the cursor modules.
export { describeValue }

/**
 * `value` as a safe integer of at least `min` (and at most `max`), or an `INVALID_FETCH_REQUEST` that names
 * `what`. Cursor and reader options share it so every bound reads the same way.
 */
export function checkInteger(
  what: string,
  value: unknown,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max) return value
  const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `between ${min} and ${max}`
  throw new BatchgateError(
    ErrorCode.INVALID_FETCH_REQUEST,
    `${what} must be a safe integer ${range}, got ${describeValue(value)}`,
  )
}
