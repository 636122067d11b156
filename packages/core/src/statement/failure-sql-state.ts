import { BatchgateError } from '../errors/batchgate-error.js'
import { StatementError } from './statement-error.js'

/** SQLSTATE is five characters of digits and upper-case letters (ISO 9075). */
const SQL_STATE = /^[0-9A-Z]{5}$/

/**
 * The SQLSTATE an executor's failure carries: a {@link StatementError}'s (or a `BatchgateError`'s) when
 * it is a well-formed five-character code, else `undefined`. Never throws, whatever was thrown.
 *
 * @example
 * ```ts
 * failureSqlState(new StatementError('no such table', { sqlState: '42S02' })) // '42S02'
 * failureSqlState('boom') // undefined
 * ```
 */
export function failureSqlState(thrown: unknown): string | undefined {
  try {
    if (thrown instanceof StatementError || BatchgateError.is(thrown)) {
      const sqlState: unknown = thrown.sqlState
      if (typeof sqlState === 'string' && SQL_STATE.test(sqlState)) return sqlState
    }
  } catch {
    // A Proxy's trap threw: there is no SQLSTATE to read.
  }
  return undefined
}
