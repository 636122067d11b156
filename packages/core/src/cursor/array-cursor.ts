import { blockStart, type BlockBounds } from './block-position.js'
import type { CursorOptions } from './cursor-options.js'
import type { OperationCursor } from './operation-cursor.js'
import type { RowSet } from './row-set.js'
import { ScrollableCursor } from './scrollable-cursor.js'
import type { FetchRequest } from './validate-fetch.js'

class ArrayCursor<T> extends ScrollableCursor<T> {
  constructor(
    private rows: readonly T[],
    options: CursorOptions,
  ) {
    super(options)
  }

  protected readBlock(request: FetchRequest, previous: BlockBounds): RowSet<T> {
    const start = blockStart(request, previous, this.rows.length)
    const end = Math.min(start + request.maxRows, this.rows.length)
    return { startRowOffset: start, rows: this.rows.slice(start, end), hasMoreRows: end < this.rows.length }
  }

  protected release(): Promise<void> {
    this.rows = []
    return Promise.resolve()
  }
}

/**
 * A cursor over rows already in memory. Every fetch costs O(rows returned), wherever the cursor stands.
 * The array is not copied: do not change it while the cursor is open.
 *
 * @example
 * ```ts
 * const cursor = cursorFromArray(['a', 'b', 'c'])
 * await cursor.fetch(FetchOrientation.FETCH_LAST, 2) // { startRowOffset: 1, rows: ['b', 'c'], hasMoreRows: false }
 * ```
 */
export function cursorFromArray<T>(rows: readonly T[], options: CursorOptions = {}): OperationCursor<T> {
  return new ArrayCursor(rows, options)
}
