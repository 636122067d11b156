import { BatchgateError } from '../errors/batchgate-error.js'
import { describeValue } from '../errors/describe-value.js'
import { ErrorCode } from '../errors/error-codes.js'
import { KYUUBI_BATCH_PRIORITY_KEY } from './batch-keys.js'

/** Kyuubi's default priority of a batch that gives none. */
export const DEFAULT_BATCH_PRIORITY = 10

const INT32_MIN = -(2 ** 31)
const INT32_MAX = 2 ** 31 - 1
/** Decimal digits with an optional sign, as Java's `Integer.parseInt` reads Kyuubi's key. */
const DECIMAL_INTEGER = /^[+-]?[0-9]+$/

/**
 * The launch-queue priority of a batch from its conf value (`kyuubi.batch.priority`): a 32-bit integer
 * in decimal with an optional sign; absent is {@link DEFAULT_BATCH_PRIORITY}. Anything else is
 * `INVALID_REQUEST` naming the key, so that no batch waits in the queue under a priority nobody gave.
 *
 * @example
 * ```ts
 * batchPriority('20') // 20
 * batchPriority(undefined) // 10
 * ```
 */
export function batchPriority(value: string | undefined): number {
  if (value === undefined) return DEFAULT_BATCH_PRIORITY
  const priority = DECIMAL_INTEGER.test(value) ? Number(value) : Number.NaN
  if (!Number.isInteger(priority) || priority < INT32_MIN || priority > INT32_MAX) {
    throw new BatchgateError(
      ErrorCode.INVALID_REQUEST,
      `conf['${KYUUBI_BATCH_PRIORITY_KEY}'] must be a 32-bit integer in decimal, got ${describeValue(value)}`,
    )
  }
  // `-0` is stored as 0.
  return priority === 0 ? 0 : priority
}
