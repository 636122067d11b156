import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'

/** The longest delay a Node.js timer keeps (2^31 - 1 ms, about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1

/** How a rejected value reads in a message: strings quoted, so `"5"` and `5` differ. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'function') return 'a function'
  if (typeof value === 'object' && value !== null) return Array.isArray(value) ? 'an array' : 'an object'
  return String(value)
}

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
