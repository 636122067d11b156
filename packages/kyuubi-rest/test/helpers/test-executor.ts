import {
  cursorFromArray,
  HiveType,
  StatementError,
  type ExecuteContext,
  type ResultColumn,
  type ResultRow,
  type StatementExecutor,
  type StatementResult,
} from '@batchgate/core'

/** The largest `maxrows` the test results serve (Kyuubi's suite sets `kyuubi.server.limit.client.fetch.max.rows` to 5000). */
export const MAX_ROWS_LIMIT = 5000

/** Kyuubi's `show tables` answer shape: database, tableName, isTemporary. */
export const SHOW_TABLES_ROWS: readonly ResultRow[] = [
  ['default', 'sales', false],
  ['default', 'customers', false],
  ['', 'scratch', true],
]

/**
 * A real {@link StatementExecutor} over core's `cursorFromArray`, answering the statements of Kyuubi's
 * OperationsResourceSuite and a few of the tests' own:
 *
 * - `show tables`; `select "test", 1, 0.32d, true`; the all-NULL select; `select binary('kyuubi')`
 * - `range N`: one BIGINT column, rows 0 … N-1 (the cursor-movement vectors' data)
 * - `delay MS`: one row, after MS milliseconds
 * - `types`: one row of every kind of value (a BIGINT beyond 2^53, a DECIMAL, a DATE, NaN, …)
 * - `sleep`: runs until its signal is aborted (cancel, close, timeout), then rejects
 * - `fail`: rejects with a StatementError carrying SQLSTATE 42S02
 * - anything else: rejects with a StatementError "unknown statement"
 *
 * @example
 * ```ts
 * await createEngine({ store, statementExecutor: testExecutor() })
 * ```
 */
export function testExecutor(): StatementExecutor {
  return {
    async execute(statement: string, context: ExecuteContext): Promise<StatementResult> {
      const text = statement.trim()
      const delay = /^delay (\d+)$/.exec(text)
      if (delay !== null) {
        await new Promise((resolve) => setTimeout(resolve, Number(delay[1])))
        return result([{ name: 'waited', type: HiveType.INT }], [[Number(delay[1])]])
      }
      const range = /^range (\d+)$/.exec(text)
      if (range !== null) {
        const rows = Array.from({ length: Number(range[1]) }, (_, index): ResultRow => [BigInt(index)])
        return result([{ name: 'id', type: HiveType.BIGINT }], rows)
      }
      switch (text) {
        case 'show tables':
          return result(
            [
              { name: 'database', type: HiveType.STRING },
              { name: 'tableName', type: HiveType.STRING },
              { name: 'isTemporary', type: HiveType.BOOLEAN },
            ],
            SHOW_TABLES_ROWS,
          )
        case 'select "test", 1, 0.32d, true':
          return result(
            [
              { name: 'test', type: HiveType.STRING },
              { name: '1', type: HiveType.INT },
              { name: '0.32', type: HiveType.DOUBLE },
              { name: 'true', type: HiveType.BOOLEAN },
            ],
            [['test', 1, 0.32, true]],
          )
        case 'select null values':
          return result(
            [
              HiveType.STRING,
              HiveType.BOOLEAN,
              HiveType.TINYINT,
              HiveType.DOUBLE,
              HiveType.SMALLINT,
              HiveType.INT,
              HiveType.BIGINT,
            ].map((type, index) => ({ name: `c${index + 1}`, type })),
            [[null, null, null, null, null, null, null]],
          )
        case "select binary('kyuubi')":
          return result(
            [{ name: 'binary(kyuubi)', type: HiveType.BINARY }],
            [[new TextEncoder().encode('kyuubi')]],
          )
        case 'types':
          return result(
            [
              { name: 'big', type: HiveType.BIGINT },
              { name: 'small_big', type: HiveType.BIGINT },
              { name: 'price', type: HiveType.DECIMAL, precision: 10, scale: 2, comment: 'in euros' },
              { name: 'day', type: HiveType.DATE },
              { name: 'ratio', type: HiveType.DOUBLE },
              { name: 'tiny', type: HiveType.TINYINT },
              { name: 'name', type: HiveType.VARCHAR, precision: 20 },
            ],
            [[9007199254740993n, 42n, '12.50', '2026-11-20', Number.NaN, -3, 'ünïcödé']],
          )
        case 'sleep':
          return new Promise((_resolve, reject) => {
            const stop = (): void => {
              reject(new StatementError('the statement was stopped'))
            }
            if (context.signal.aborted) stop()
            else context.signal.addEventListener('abort', stop, { once: true })
          })
        case 'fail':
          throw new StatementError('Table or view not found: nope', { sqlState: '42S02' })
        default:
          throw new StatementError(`unknown statement: ${text}`, { sqlState: '42000' })
      }
    },
  }
}

function result(columns: readonly ResultColumn[], rows: readonly ResultRow[]): Promise<StatementResult> {
  return Promise.resolve({ columns, cursor: cursorFromArray(rows, { maxRowsLimit: MAX_ROWS_LIMIT }) })
}
