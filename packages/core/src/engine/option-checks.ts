import { BatchgateError } from '../errors/batchgate-error.js'
import { describeValue } from '../errors/describe-value.js'
import { ErrorCode } from '../errors/error-codes.js'

/** Node fires a longer timer delay every millisecond, so such a setting is refused, not obeyed wrongly. */
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1

/**
 * An option that must be an object when given: typed callers cannot pass anything else, untyped ones
 * (JavaScript, JSON settings) can, and learn so here with `INVALID_OPTIONS`.
 *
 * @example
 * ```ts
 * const fields = optionObject('sessions', options.sessions ?? {})
 * ```
 */
export function optionObject<T extends object>(name: string, value: T): T {
  const given: unknown = value
  if (typeof given !== 'object' || given === null || Array.isArray(given))
    throw invalidOption(`${name} must be an object when given, got ${describeValue(given)}`)
  return value
}

/**
 * A positive safe integer option, else `INVALID_OPTIONS` naming it.
 *
 * @example
 * ```ts
 * const size = positive('retention.batchSize', given.batchSize ?? 500)
 * ```
 */
export function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw invalidOption(`${name} must be a positive integer, got ${describeValue(value)}`)
  return value
}

/**
 * A positive timer delay in milliseconds that Node can wait for (at most 2^31 - 1).
 *
 * @example
 * ```ts
 * const every = timerDelay('cancelPollIntervalMs', options.cancelPollIntervalMs ?? 2000)
 * ```
 */
export function timerDelay(name: string, value: number): number {
  const delay = positive(name, value)
  if (delay > MAX_TIMER_DELAY_MS)
    throw invalidOption(`${name} must be at most ${MAX_TIMER_DELAY_MS} ms, got ${describeValue(value)}`)
  return delay
}

/**
 * The error of an option that cannot work.
 *
 * @example
 * ```ts
 * throw invalidOption('pageSize.default must not exceed pageSize.max')
 * ```
 */
export function invalidOption(message: string): BatchgateError {
  return new BatchgateError(ErrorCode.INVALID_OPTIONS, message)
}
