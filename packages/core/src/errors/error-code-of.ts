import { BatchgateError } from './batchgate-error.js'

/**
 * The code of a failure as the diagnostics channels report it: a `BatchgateError`'s `code`
 * (`DUPLICATE_KEY` for a `DuplicateKeyError`), else `UNKNOWN` (an error that is not this library's).
 *
 * @example
 * ```ts
 * message.errorCode = errorCodeOf(error)
 * ```
 */
export function errorCodeOf(error: unknown): string {
  return BatchgateError.is(error) ? error.code : 'UNKNOWN'
}
