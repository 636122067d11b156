import { HiveType, type ResultColumn, type ResultRow } from '@batchgate/core'

/** The rows a `GET rowset` figure serves: an id, a name, an amount and a flag, as a typical report row. */
export const REST_COLUMNS: readonly ResultColumn[] = [
  { name: 'id', type: HiveType.BIGINT },
  { name: 'name', type: HiveType.STRING },
  { name: 'amount', type: HiveType.DOUBLE },
  { name: 'active', type: HiveType.BOOLEAN },
]

/** Distinct rows before the result repeats them: the result is endless, so FETCH_NEXT never runs dry. */
const DISTINCT_ROWS = 10_000

/** The distinct rows, built once: both sides serve the same objects. */
export const REST_ROWS: readonly ResultRow[] = Array.from(
  { length: DISTINCT_ROWS },
  (_, index): ResultRow => [BigInt(index), `customer-${index}`, index * 1.25, index % 2 === 0],
)

/** The row at position `index` of the endless result. */
export function restRowAt(index: number): ResultRow {
  return REST_ROWS[index % DISTINCT_ROWS] ?? []
}

/**
 * The endless result, for `cursorFromIterable`.
 *
 * @example
 * ```ts
 * cursorFromIterable(() => endlessRows(), { scrollbackRows: 1000 })
 * ```
 */
export function* endlessRows(): Generator<ResultRow, never, undefined> {
  for (let index = 0; ; index++) yield restRowAt(index)
}
