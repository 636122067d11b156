import {
  cursorFromArray,
  FetchOrientation,
  HiveType,
  StatementError,
  type ResultRow,
  type StatementExecutor,
  type StatementResult,
} from '@batchgate/core'

/** One row of every kind of value the REST row set carries, as `types` answers it. */
export const TYPES_ROW: ResultRow = [
  9007199254740993n,
  -42n,
  7,
  Number.NaN,
  Number.NEGATIVE_INFINITY,
  0.25,
  true,
  new TextEncoder().encode('kyuubi\u0000\u00ff'),
  'ünïcödé',
  null,
]

/**
 * A real {@link StatementExecutor} over core's `cursorFromArray` for the client tests: `range N` (one
 * BIGINT column, rows 0 … N-1, every orientation), `forward N` (the same, on a cursor that serves only
 * FETCH_NEXT, as an old server), `types` (one row of {@link TYPES_ROW}).
 *
 * @example
 * ```ts
 * await createEngine({ store, statementExecutor: clientTestExecutor() })
 * ```
 */
export function clientTestExecutor(): StatementExecutor {
  return {
    execute(statement: string): Promise<StatementResult> {
      const match = /^(range|forward) (\d+)$/.exec(statement.trim())
      if (match !== null) {
        const rows = Array.from({ length: Number(match[2]) }, (_, index): ResultRow => [BigInt(index)])
        const orientations = match[1] === 'forward' ? [FetchOrientation.FETCH_NEXT] : undefined
        return Promise.resolve({
          columns: [{ name: 'id', type: HiveType.BIGINT }],
          cursor: cursorFromArray(rows, { orientations }),
        })
      }
      if (statement.trim() === 'types') {
        const types = [
          HiveType.BIGINT,
          HiveType.BIGINT,
          HiveType.INT,
          HiveType.DOUBLE,
          HiveType.DOUBLE,
          HiveType.FLOAT,
          HiveType.BOOLEAN,
          HiveType.BINARY,
          HiveType.STRING,
          HiveType.TIMESTAMP,
        ]
        return Promise.resolve({
          columns: types.map((type, index) => ({ name: `c${index}`, type })),
          cursor: cursorFromArray([TYPES_ROW]),
        })
      }
      return Promise.reject(new StatementError(`unknown statement: ${statement}`, { sqlState: '42000' }))
    },
  }
}
