import type { RequestLimits } from '../batch/request-limits.js'
import { isPlainObject, readUntrusted } from '../batch/untrusted-input.js'
import { checkTotalBytes, requiredString, validateStringMap } from '../batch/validate-request.js'
import { BatchgateError } from '../errors/batchgate-error.js'
import { describeValue, previewValue } from '../errors/describe-value.js'
import { ErrorCode } from '../errors/error-codes.js'
import { PROXY_USER_KEYS } from './proxy-user.js'

/** The longest delay a Node.js timer holds (2^31 - 1 ms, about 24.8 days); a longer one fires at once. */
const MAX_QUERY_TIMEOUT_MS = 2 ** 31 - 1

/** A `StatementRequest` after {@link validateStatementRequest}: every field present and checked. */
export interface ValidatedStatementRequest {
  readonly statement: string
  readonly runAsync: boolean
  /** 0: no timeout. */
  readonly queryTimeoutMs: number
  readonly confOverlay: Readonly<Record<string, string>>
}

/**
 * Checks an untrusted statement request (it may come straight from JSON): `statement` a non-blank string
 * of at most `maxStatementBytes` UTF-8 bytes, `runAsync` a boolean, `queryTimeoutMs` a non-negative
 * safe integer a timer can hold, `confOverlay` a map of strings bounded like a batch's conf, which may not
 * name a proxy user (the session's user is fixed when it opens). Absent and `null` fields take their
 * defaults. Failures are `INVALID_REQUEST` naming the field.
 *
 * @example
 * ```ts
 * const { statement, runAsync } = validateStatementRequest({ statement: 'SELECT 1' }, config.limits)
 * ```
 */
export function validateStatementRequest(request: unknown, limits: RequestLimits): ValidatedStatementRequest {
  // One read of every field, as for a batch request: a getter cannot show the checks another value.
  const fields = readUntrusted('the statement request', () => {
    if (!isPlainObject(request))
      throw invalid(`the statement request must be an object, got ${describeValue(request)}`)
    const { statement, runAsync, queryTimeoutMs, confOverlay } = request
    return { statement, runAsync, queryTimeoutMs, confOverlay }
  })
  const statement = requiredString(fields.statement, 'statement')
  checkStatementSize(statement, limits.maxStatementBytes)
  const confOverlay = validateStringMap(fields.confOverlay, 'confOverlay', limits, refuseProxyUser)
  checkTotalBytes({ fields: [], conf: confOverlay, args: [] }, limits)
  return {
    statement,
    runAsync: flag(fields.runAsync, 'runAsync'),
    queryTimeoutMs: queryTimeout(fields.queryTimeoutMs),
    confOverlay: Object.freeze(confOverlay),
  }
}

function checkStatementSize(statement: string, maxBytes: number): void {
  // UTF-8 takes at most 3 bytes per UTF-16 unit, so most statements are cleared without encoding them.
  if (statement.length * 3 <= maxBytes) return
  const bytes = Buffer.byteLength(statement, 'utf8')
  if (bytes > maxBytes) throw invalid(`statement holds ${bytes} bytes, more than the limit of ${maxBytes}`)
}

function refuseProxyUser(key: string): void {
  if (PROXY_USER_KEYS.includes(key)) {
    throw invalid(
      `confOverlay may not set ${previewValue(key)}: a session's user is fixed when it opens (give it to open)`,
    )
  }
}

function flag(value: unknown, field: string): boolean {
  if (value === undefined || value === null) return false
  if (typeof value !== 'boolean') throw invalid(`${field} must be a boolean, got ${describeValue(value)}`)
  return value
}

function queryTimeout(value: unknown): number {
  if (value === undefined || value === null) return 0
  if (
    typeof value !== 'number' ||
    !Number.isSafeInteger(value) ||
    value < 0 ||
    value > MAX_QUERY_TIMEOUT_MS
  ) {
    throw invalid(
      `queryTimeoutMs must be an integer between 0 (none) and ${MAX_QUERY_TIMEOUT_MS} ms, got ${describeValue(value)}`,
    )
  }
  return value
}

function invalid(message: string): BatchgateError {
  return new BatchgateError(ErrorCode.INVALID_REQUEST, message)
}
