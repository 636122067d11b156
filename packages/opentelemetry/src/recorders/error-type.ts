import { errorOf } from '../traced-call.js'
import { errorClassName } from './fail-span.js'

/**
 * OpenTelemetry's `error.type` of a settled call: its `BatchgateError` code, else the class of the
 * error it threw, else `undefined` (it succeeded). Low cardinality, as the convention asks.
 *
 * @example
 * ```ts
 * errorTypeOf(message) // 'METASTORE_UNAVAILABLE'
 * ```
 */
export function errorTypeOf(message: { readonly errorCode: string | undefined }): string | undefined {
  if (message.errorCode !== undefined) return message.errorCode
  const error = errorOf(message)
  return error === undefined ? undefined : (errorClassName(error) ?? '_OTHER')
}
