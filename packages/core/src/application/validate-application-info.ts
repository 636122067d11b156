import { BatchgateError } from '../errors/batchgate-error.js'
import { cutText, describeValue } from '../errors/describe-value.js'
import { ErrorCode } from '../errors/error-codes.js'
import { isPlainObject, readUntrusted } from '../batch/untrusted-input.js'
import type { ApplicationInfo } from './application-info.js'

/**
 * The bounds of a launcher's application report, in UTF-16 units (a bound every store's columns
 * hold, whatever the characters: MySQL and PostgreSQL count code points, never more than these units).
 * `appDiagnostic` is cut to its bound with `…` (like a batch's own diagnostic); the others are refused
 * beyond theirs, since a cut id or URL would be wrong rather than short.
 *
 * @example
 * ```ts
 * APPLICATION_INFO_LIMITS.appUrl // 2048
 * ```
 */
export const APPLICATION_INFO_LIMITS = {
  appId: 256,
  appState: 256,
  appUrl: 2048,
  appDiagnostic: 8 * 1024,
} as const

const FIELDS: ReadonlySet<string> = new Set(['appId', 'appUrl', 'appState', 'appDiagnostic', 'appStartTime'])

/** C0 control characters and DEL: no id, state or URL holds one (and PostgreSQL's `text` refuses U+0000). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/

/**
 * A launcher's report checked and copied before it reaches a store: a plain object whose only keys are
 * {@link ApplicationInfo}'s (another key is refused: a misspelt `appURL` would otherwise be lost
 * silently); `appId`, `appState` and `appUrl` non-empty, well-formed, without control characters and
 * within {@link APPLICATION_INFO_LIMITS}; `appDiagnostic` any text, lone surrogates replaced by U+FFFD
 * and cut to its limit; `appStartTime` a non-negative safe integer. A field that is `undefined` or
 * `null` is not given (the stored value stays).
 *
 * @throws BatchgateError `INVALID_REQUEST` naming the field
 * @example
 * ```ts
 * const info = validateApplicationInfo({ appId: 'application_1_0001', appStartTime: 1_700_000_000_000 })
 * ```
 */
export function validateApplicationInfo(value: unknown): ApplicationInfo {
  const entries = readUntrusted('the application info', () => {
    if (!isPlainObject(value)) {
      throw invalid(`the application info must be a plain object, got ${describeValue(value)}`)
    }
    return Object.keys(value).map((key): [string, unknown] => [key, value[key]])
  })
  const info: Record<string, string | number> = {}
  for (const [key, field] of entries) {
    if (!FIELDS.has(key)) {
      throw invalid(
        `the application info has an unknown field ${describeValue(key)}; known: ${[...FIELDS].join(', ')}`,
      )
    }
    if (field === undefined || field === null) continue
    if (key === 'appStartTime') info[key] = startTime(field)
    else if (key === 'appDiagnostic') info[key] = diagnostic(field)
    else info[key] = boundedText(field, key as 'appId' | 'appUrl' | 'appState')
  }
  return info
}

function startTime(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalid(
      `appStartTime must be a non-negative integer of epoch milliseconds, got ${describeValue(value)}`,
    )
  }
  return value
}

function diagnostic(value: unknown): string {
  if (typeof value !== 'string') throw invalid(`appDiagnostic must be a string, got ${describeValue(value)}`)
  // A diagnostic is told, not matched: what no store can hold as given is replaced rather than refused.
  return cutText(value.toWellFormed(), APPLICATION_INFO_LIMITS.appDiagnostic)
}

function boundedText(value: unknown, field: 'appId' | 'appUrl' | 'appState'): string {
  if (typeof value !== 'string' || value === '') {
    throw invalid(`${field} must be a non-empty string, got ${describeValue(value)}`)
  }
  const limit = APPLICATION_INFO_LIMITS[field]
  if (value.length > limit) {
    throw invalid(`${field} is ${value.length} characters long, more than the limit of ${limit}`)
  }
  if (!value.isWellFormed()) throw invalid(`${field} holds a lone UTF-16 surrogate`)
  if (CONTROL_CHARACTER.test(value)) {
    throw invalid(`${field} holds a control character, got ${describeValue(value)}`)
  }
  return value
}

function invalid(message: string): BatchgateError {
  return new BatchgateError(ErrorCode.INVALID_REQUEST, message)
}
