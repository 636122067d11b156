import type { CursorOptions, OperationCursor } from '@batchgate/core'

/**
 * What the cursor suite tests: a factory of fresh cursors over a result of `rowCount` rows in which row
 * `i` is the number `i`. Any {@link OperationCursor} fits — core's own, or a host's cursor over its
 * database (seed `rowCount` rows, then map each row to its index). The factory must pass `options` on:
 * `orientations` is what the `declined-orientations` group needs, `maxRowsLimit` what `max-rows-limit`
 * needs; switch a group off where the cursor takes no such option.
 *
 * @example
 * ```ts
 * const factory: CursorFactory = (rowCount, options) =>
 *   cursorFromArray(Array.from({ length: rowCount }, (_, i) => i), options)
 * ```
 */
export type CursorFactory = (
  rowCount: number,
  options?: CursorOptions,
) => OperationCursor<number> | Promise<OperationCursor<number>>

/**
 * The capability groups of the cursor suite, each switchable with `skipGroups`:
 * - `movement`: the movement table of API.md, on Spark's, Kyuubi's and our own vectors;
 * - `validation`: bad arguments are refused with `INVALID_FETCH_REQUEST` and leave the cursor where it was;
 * - `max-rows-limit`: `maxRows` above the (default or configured) `maxRowsLimit` is refused;
 * - `declined-orientations`: orientations left out of `options.orientations` get `UNSUPPORTED_FETCH_ORIENTATION`, `HY106`;
 * - `concurrency`: fetches that are not awaited run one at a time, in call order;
 * - `close`: fetches after `close()` get `CLOSED`; fetches called before it are served.
 */
export type CursorGroup =
  'movement' | 'validation' | 'max-rows-limit' | 'declined-orientations' | 'concurrency' | 'close'
