import { errorOf } from '../traced-call.js'
import { errorClassName } from './fail-span.js'

/**
 * OpenTelemetry's `error.type` of a settled call: its error code (`METASTORE_UNAVAILABLE`), else the
 * class of the error it threw (`SqliteError`, also for the channels' `UNKNOWN`: an error that is not a
 * BatchgateError), else `undefined` (it succeeded). Low cardinality, as the convention asks.
 *
 * @example
 * ```ts
 * errorTypeOf(message) // 'METASTORE_UNAVAILABLE'
 * ```
 */
export function errorTypeOf(message: { readonly errorCode: string | undefined }): string | undefined {
  const error = errorOf(message)
  if (message.errorCode !== undefined && message.errorCode !== 'UNKNOWN') return message.errorCode
  if (error === undefined) return message.errorCode
  return errorClassName(error) ?? message.errorCode ?? '_OTHER'
}
