import { ErrorCode, type StatementRequest } from '@batchgate/core'
import type { JsonBody } from '../http/read-json-body.js'
import { RestError } from '../http/rest-error.js'
import { stringMapOf } from './string-map.js'

/** The longest `queryTimeout` (seconds) a timer can hold (2^31 - 1 ms). */
export const MAX_QUERY_TIMEOUT_SECONDS = 2_147_483

/** A statement request as read from Kyuubi's JSON, with `runAsync` kept apart (the route decides). */
export interface StatementBody {
  readonly request: StatementRequest
  readonly runAsync: boolean
}

/**
 * Kyuubi's `StatementRequest` body: `statement` (a string), `runAsync` (default false), `queryTimeout`
 * (seconds, as Hive counts it; 0 or absent: none) and `confOverlay` (string values). `null` counts as
 * absent, as Jackson reads it; any other wrong type is 400 naming the field.
 *
 * @example
 * ```ts
 * statementBodyOf({ empty: false, value: { statement: 'SELECT 1', runAsync: true, queryTimeout: 30 } })
 * ```
 */
export function statementBodyOf(body: JsonBody): StatementBody {
  if (body.empty) throw invalid('the request body is empty: send a StatementRequest as JSON')
  const value = body.value
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid('the request body must be a JSON object (a StatementRequest)')
  }
  const { statement, runAsync, queryTimeout, confOverlay } = value as Record<string, unknown>
  if (typeof statement !== 'string' || statement.trim() === '') {
    throw invalid('statement must be a non-empty string')
  }
  if (runAsync !== undefined && runAsync !== null && typeof runAsync !== 'boolean') {
    throw invalid('runAsync must be true or false')
  }
  const timeout = queryTimeout ?? 0
  if (
    typeof timeout !== 'number' ||
    !Number.isSafeInteger(timeout) ||
    timeout < 0 ||
    timeout > MAX_QUERY_TIMEOUT_SECONDS
  ) {
    throw invalid(`queryTimeout must be whole seconds from 0 to ${MAX_QUERY_TIMEOUT_SECONDS}`)
  }
  return {
    request: {
      statement,
      runAsync: true,
      queryTimeoutMs: timeout * 1000,
      confOverlay: stringMapOf(confOverlay, 'confOverlay'),
    },
    runAsync: runAsync === true,
  }
}

function invalid(message: string): RestError {
  return new RestError(400, ErrorCode.INVALID_REQUEST, message)
}
