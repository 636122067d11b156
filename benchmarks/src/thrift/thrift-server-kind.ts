/**
 * The servers of the `thrift` group: `service` is `tcliService` over an engine behind
 * `thriftBinaryServer`; `bare` is the baseline that answers every FetchResults with a prepared row set
 * encoded by our codec, `bare-runtime` the same with the reply written by the `thrift` runtime as its
 * generated code writes it.
 */
export type ThriftServerKind = 'service' | 'bare' | 'bare-runtime'

/** The statement of an endless result (the executor answers any statement without a row count so). */
export const ENDLESS_STATEMENT = 'SELECT id, name FROM customers'

/** The statement of a result of `rows` rows, made as they are fetched. */
export function countedStatement(rows: number): string {
  return `SELECT id, name FROM customers LIMIT ${rows}`
}

/** The row count of a {@link countedStatement}, or `undefined` for an endless one. */
export function rowsOfStatement(statement: string): number | undefined {
  const match = / LIMIT (\d+)$/.exec(statement)
  return match?.[1] === undefined ? undefined : Number(match[1])
}

/** The service's FetchResults bound in the benchmarks: large blocks move a cursor deep quickly. */
export const BENCH_MAX_FETCH_ROWS = 100_000
