import { ErrorCode } from '@batchgate/core'
import { RestError } from '../http/rest-error.js'

/**
 * A JSON object of string values (a session's `configs`, a statement's `confOverlay`), copied into a
 * null-prototype object; `undefined` and `null` are an empty map. Anything else is 400 naming the field
 * (Kyuubi's Jackson would coerce numbers to strings: batchgate asks for strings).
 *
 * @example
 * ```ts
 * stringMapOf({ 'spark.app.name': 'report' }, 'configs')
 * ```
 */
export function stringMapOf(value: unknown, field: string): Readonly<Record<string, string>> {
  const map: Record<string, string> = Object.create(null) as Record<string, string>
  if (value === undefined || value === null) return map
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new RestError(400, ErrorCode.INVALID_REQUEST, `${field} must be a JSON object of string values`)
  }
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') {
      throw new RestError(400, ErrorCode.INVALID_REQUEST, `${field}[${JSON.stringify(key)}] must be a string`)
    }
    map[key] = entry
  }
  return map
}
