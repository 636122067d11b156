import {
  cursorFromArray,
  HiveType,
  StatementError,
  type ExecuteContext,
  type ResultColumn,
  type ResultRow,
  type StatementCatalog,
  type StatementExecutor,
  type StatementResult,
} from '@batchgate/core'

/** The largest block the test results serve. */
export const CURSOR_MAX_ROWS = 200_000

/** The columns of the `types` statement: one of every kind of Thrift column, and qualified types. */
export const TYPES_COLUMNS: readonly ResultColumn[] = [
  { name: 'flag', type: HiveType.BOOLEAN },
  { name: 'tiny', type: HiveType.TINYINT },
  { name: 'small', type: HiveType.SMALLINT },
  { name: 'num', type: HiveType.INT },
  { name: 'big', type: HiveType.BIGINT },
  { name: 'ratio', type: HiveType.DOUBLE },
  { name: 'name', type: HiveType.VARCHAR, precision: 20, comment: 'a name' },
  { name: 'price', type: HiveType.DECIMAL, precision: 10, scale: 2 },
  { name: 'day', type: HiveType.DATE },
  { name: 'bytes', type: HiveType.BINARY },
]

/** The rows of `types`: values, then all NULL, then values again (NULL in the middle of each column). */
export const TYPES_ROWS: readonly ResultRow[] = [
  [true, -3, 300, 70_000, 9007199254740993n, 0.5, 'ünïcödé', '12.50', '2026-11-20', new Uint8Array([1, 2])],
  [null, null, null, null, null, null, null, null, null, null],
  [false, 127, -32768, -1, -5, Number.NaN, '', '0.01', '1970-01-01', new Uint8Array([])],
]

/** The executor's catalog: schemas `sales` and `hr`, three tables, their columns, one function. */
export const TEST_CATALOG: StatementCatalog = {
  schemas: () => Promise.resolve([{ name: 'sales' }, { name: 'hr' }]),
  tables: () =>
    Promise.resolve([
      { schema: 'sales', name: 'orders', type: 'TABLE' },
      { schema: 'sales', name: 'order_totals', type: 'VIEW' },
      { schema: 'hr', name: 'people', type: 'TABLE' },
    ]),
  columns: (tables) =>
    Promise.resolve(
      tables.flatMap((table) => [
        { schema: table.schema, table: table.name, name: 'id', type: HiveType.BIGINT },
        { schema: table.schema, table: table.name, name: 'label', type: HiveType.STRING },
      ]),
    ),
  functions: () => Promise.resolve([{ name: 'upper', comment: 'upper(str)' }]),
}

/**
 * A real {@link StatementExecutor} over core's `cursorFromArray`, with {@link TEST_CATALOG}, answering:
 * - `range N`: one BIGINT column `id`, rows 0 … N-1 (the cursor-movement vectors' data)
 * - `pairs N`: BIGINT `id` and STRING `name` (`name-<id>`; every third name NULL), the benchmark's shape
 * - `types`: {@link TYPES_COLUMNS} and {@link TYPES_ROWS}
 * - `conf KEY`: one STRING column holding the statement's conf value for KEY (NULL if unset)
 * - `sleep`: runs until its signal is aborted (cancel, close, timeout), then rejects
 * - `fail`: rejects with a StatementError carrying SQLSTATE 42S02
 * - anything else: rejects with a StatementError "unknown statement" (SQLSTATE 42000)
 *
 * @example
 * ```ts
 * await createEngine({ store, statementExecutor: thriftTestExecutor() })
 * ```
 */
export function thriftTestExecutor(): StatementExecutor {
  return {
    catalog: TEST_CATALOG,
    execute(statement: string, context: ExecuteContext): Promise<StatementResult> {
      const text = statement.trim()
      const range = /^range (\d+)$/.exec(text)
      if (range !== null) {
        const rows = Array.from({ length: Number(range[1]) }, (_, index): ResultRow => [BigInt(index)])
        return result([{ name: 'id', type: HiveType.BIGINT }], rows)
      }
      const pairs = /^pairs (\d+)$/.exec(text)
      if (pairs !== null) {
        const rows = Array.from({ length: Number(pairs[1]) }, (_, index): ResultRow => [
          BigInt(index),
          index % 3 === 2 ? null : `name-${index}`,
        ])
        return result(
          [
            { name: 'id', type: HiveType.BIGINT },
            { name: 'name', type: HiveType.STRING },
          ],
          rows,
        )
      }
      const conf = /^conf (\S+)$/.exec(text)
      if (conf !== null) {
        return result(
          [{ name: 'value', type: HiveType.STRING }],
          [[context.sessionConf[conf[1] ?? ''] ?? null]],
        )
      }
      switch (text) {
        case 'types':
          return result(TYPES_COLUMNS, TYPES_ROWS)
        case 'sleep':
          return new Promise((_resolve, reject) => {
            const stop = (): void => {
              reject(new StatementError('the statement was stopped'))
            }
            if (context.signal.aborted) stop()
            else context.signal.addEventListener('abort', stop, { once: true })
          })
        case 'fail':
          return Promise.reject(new StatementError('Table or view not found: nope', { sqlState: '42S02' }))
        default:
          return Promise.reject(new StatementError(`unknown statement: ${text}`, { sqlState: '42000' }))
      }
    },
  }
}

function result(columns: readonly ResultColumn[], rows: readonly ResultRow[]): Promise<StatementResult> {
  return Promise.resolve({ columns, cursor: cursorFromArray(rows, { maxRowsLimit: CURSOR_MAX_ROWS }) })
}
