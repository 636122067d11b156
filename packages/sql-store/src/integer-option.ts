import { BatchgateError, ErrorCode } from '@batchgate/core/store'

/** The keys of `T` whose values are numbers (or undefined): the options an integer check applies to. */
export type NumericOptionKey<T> = {
  [K in keyof T]-?: T[K] extends number | undefined ? K : never
}[keyof T] &
  string

/**
 * Checks that a resolved store option is a safe integer from `least` to `most`, or throws
 * `INVALID_OPTIONS` naming the option and the range: the check every server store's options share.
 *
 * @example
 * ```ts
 * requireIntegerOption(resolved, 'connectTimeoutMs', 1)
 * requireIntegerOption(resolved, 'port', 1, 65_535)
 * ```
 */
export function requireIntegerOption<T extends object>(
  resolved: T,
  key: NumericOptionKey<T>,
  least: number,
  most = Number.MAX_SAFE_INTEGER,
): void {
  const value = resolved[key] as number | undefined
  if (value === undefined || !Number.isSafeInteger(value) || value < least || value > most) {
    const range = most === Number.MAX_SAFE_INTEGER ? `${least} up` : `${least} to ${most}`
    throw new BatchgateError(ErrorCode.INVALID_OPTIONS, `${key} must be an integer from ${range}`)
  }
}
