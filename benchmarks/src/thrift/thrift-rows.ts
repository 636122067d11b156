import { HiveType, type ResultColumn, type ResultRow } from '@batchgate/core'
import { BLOCK_ROWS } from '../harness/bench-settings.js'

/** The columns every `thrift` figure serves: a BIGINT and a STRING, as the target names them. */
export const THRIFT_COLUMNS: readonly ResultColumn[] = [
  { name: 'id', type: HiveType.BIGINT },
  { name: 'name', type: HiveType.STRING },
]

/**
 * The name of row `index`: the same width for every row (`customer-0000123`), so every block of the
 * result encodes to the same number of bytes and a block of the engine's result weighs what the
 * baseline's prepared block weighs.
 */
export function thriftNameAt(index: number): string {
  return `customer-${String(index % 10_000_000).padStart(7, '0')}`
}

/** Row `index` made anew: its position as the id, and its name. */
export function thriftRowAt(index: number): ResultRow {
  return [BigInt(index), thriftNameAt(index)]
}

/**
 * Distinct rows of the endless result before it repeats them: one block. Every block the service
 * serves is then made of the very cells (the same BigInt and string objects) that the baseline's
 * prepared row set holds, so both encode the same objects and the ratio prices the engine alone. With
 * 10,000 distinct rows, the service's reads of ten times the memory made the same encoding cost 60 –
 * 100 µs more per block than the baseline's (in isolation: 311 – 379 against 255 – 278 µs, columns
 * and encoding of a block), a cost of the data, not of the engine.
 */
const DISTINCT_ROWS = BLOCK_ROWS

/**
 * The endless result's distinct rows, built once: the in-memory executor of the FetchResults figures
 * holds its rows, as the `rest` group's does, so the figure prices the engine and the front, not the
 * making of rows.
 */
const THRIFT_ROWS: readonly ResultRow[] = Array.from({ length: DISTINCT_ROWS }, (_, index) =>
  thriftRowAt(index),
)

/**
 * The endless result of the FetchResults and FETCH_PRIOR figures: row `i` is built-once row
 * `i % 1,000` (ids `0 … 999` over and over, names of one width), for `cursorFromIterable`.
 *
 * @example
 * ```ts
 * cursorFromIterable(() => endlessThriftRows(), { scrollbackRows: 1000 })
 * ```
 */
export function* endlessThriftRows(): Generator<ResultRow, never, undefined> {
  for (let index = 0; ; index++) yield THRIFT_ROWS[index % DISTINCT_ROWS] ?? []
}

/**
 * The rows `[0, total)` made as they are read, for the memory figure: nothing of the result exists
 * before it is fetched, as a streamed query's rows would not.
 *
 * @example
 * ```ts
 * cursorFromIterable(() => generateThriftRows(10_000_000), { scrollbackRows: 1000 })
 * ```
 */
export function* generateThriftRows(total: number): Generator<ResultRow, void, undefined> {
  for (let index = 0; index < total; index++) yield thriftRowAt(index)
}

/**
 * The first block of the endless result, `[0, 1000)`, as columns of its very cells: what the baseline's
 * prepared row set holds.
 */
export function firstBlockColumns(): { ids: bigint[]; names: string[] } {
  const ids: bigint[] = []
  const names: string[] = []
  for (let index = 0; index < BLOCK_ROWS; index++) {
    const [id, name] = THRIFT_ROWS[index] ?? []
    if (typeof id !== 'bigint' || typeof name !== 'string')
      throw new Error(`row ${index} is not (BIGINT, STRING)`)
    ids.push(id)
    names.push(name)
  }
  return { ids, names }
}
