import { BatchgateError } from '../errors/batchgate-error.js'
import { describeValue } from '../errors/describe-value.js'
import { ErrorCode } from '../errors/error-codes.js'
import { isPlainObject, readUntrusted } from '../batch/untrusted-input.js'

/** The page size of `engine.batches.log` when none is given (Kyuubi's `localLog` default). */
export const DEFAULT_LOG_PAGE_SIZE = 100
/** The largest page `engine.batches.log` serves. */
export const MAX_LOG_PAGE_SIZE = 10_000

/**
 * A log range as read: `from` (default 0) and `size` (default {@link DEFAULT_LOG_PAGE_SIZE}),
 * non-negative safe integers, `size` at most {@link MAX_LOG_PAGE_SIZE}. `undefined` or `null` means
 * "not given"; the range itself may be `undefined`.
 *
 * @throws BatchgateError `INVALID_REQUEST` naming the field
 * @example
 * ```ts
 * validateLogRange({ from: 200 }) // { from: 200, size: 100 }
 * ```
 */
export function validateLogRange(range: unknown): { from: number; size: number } {
  const { from, size } = readUntrusted('the log range', () => {
    if (range === undefined || range === null) return { from: undefined, size: undefined }
    if (!isPlainObject(range)) throw invalid(`the log range must be an object, got ${describeValue(range)}`)
    return { from: range.from, size: range.size }
  })
  const start = count('from', from, 0)
  const lines = count('size', size, DEFAULT_LOG_PAGE_SIZE)
  if (lines > MAX_LOG_PAGE_SIZE) {
    throw invalid(`size must be at most ${MAX_LOG_PAGE_SIZE} lines, got ${lines}`)
  }
  return { from: start, size: lines }
}

function count(field: string, value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalid(`${field} must be a non-negative integer, got ${describeValue(value)}`)
  }
  return value
}

function invalid(message: string): BatchgateError {
  return new BatchgateError(ErrorCode.INVALID_REQUEST, message)
}
