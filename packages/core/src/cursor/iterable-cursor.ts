import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'
import { blockStart, needsRowCount, type BlockBounds } from './block-position.js'
import type { CursorOptions } from './cursor-options.js'
import type { OperationCursor } from './operation-cursor.js'
import { checkInteger } from './option-checks.js'
import { RowSource, type RowSourceFactory } from './row-source.js'
import type { RowSet } from './row-set.js'
import { RowWindow } from './row-window.js'
import { ScrollableCursor } from './scrollable-cursor.js'
import type { FetchRequest } from './validate-fetch.js'

/**
 * Options of {@link cursorFromIterable}.
 *
 * @example
 * ```ts
 * const options: IterableCursorOptions = { scrollbackRows: 1000, reopenable: false }
 * ```
 */
export interface IterableCursorOptions extends CursorOptions {
  /**
   * Rows kept before the start of the furthest block read so far: a move back that lands within them is
   * served from memory. The window does not follow the cursor back, so several moves back in a row
   * reach at most `scrollbackRows` rows behind that block (then the source is re-opened, or
   * `SCROLLBACK_EXCEEDED`). `resumableReader` re-synchronises with `FETCH_PRIOR(1)`, so `k` lost
   * answers in a row need only `k` rows here.
   */
  readonly scrollbackRows: number
  /**
   * Whether a move further back may call the factory again and skip forward (default `true`); the source
   * must then yield the same rows. With `false` such a move fails with `SCROLLBACK_EXCEEDED`.
   */
  readonly reopenable?: boolean | undefined
}

/**
 * A cursor over a streaming source; {@link StreamingCursor.bufferedRows} tells how much it holds.
 *
 * @example
 * ```ts
 * metrics.gauge('cursor.buffered_rows', cursor.bufferedRows)
 * ```
 */
export interface StreamingCursor<T> extends OperationCursor<T> {
  /** Rows held in memory now: at most `scrollbackRows + maxRows + 1` for the largest `maxRows` fetched. */
  readonly bufferedRows: number
}

class IterableCursor<T> extends ScrollableCursor<T> implements StreamingCursor<T> {
  private readonly window = new RowWindow<T>()
  private readonly source: RowSource<T>
  private readonly scrollbackRows: number
  private readonly reopenable: boolean
  /** The result's length, once a pass has reached its end. */
  private rowCount: number | undefined

  constructor(factory: RowSourceFactory<T>, options: IterableCursorOptions) {
    super(options)
    this.scrollbackRows = checkInteger('scrollbackRows', options.scrollbackRows, 0)
    this.reopenable = options.reopenable ?? true
    this.source = new RowSource(factory, this.reopenable)
  }

  get bufferedRows(): number {
    return this.window.size
  }

  protected async readBlock(request: FetchRequest, previous: BlockBounds): Promise<RowSet<T>> {
    const { maxRows } = request
    if (needsRowCount(request.orientation) && this.rowCount === undefined) await this.fill(Infinity, maxRows)
    let start = blockStart(request, previous, this.rowCount ?? Infinity)
    if (start < this.window.base) await this.rewind(start, request)
    // One row past the block tells whether more rows follow, without a second pass.
    await this.fill(start + maxRows + 1, maxRows)
    if (this.rowCount !== undefined) start = Math.min(start, this.rowCount)
    this.window.dropBefore(start - this.scrollbackRows)
    const end = Math.min(start + maxRows, this.window.end)
    return { startRowOffset: start, rows: this.window.slice(start, end), hasMoreRows: this.window.end > end }
  }

  protected async release(): Promise<void> {
    this.window.reset(0)
    await this.source.close()
  }

  /** Reads until the window ends at `until` or the source ends, keeping only what the block can need. */
  private async fill(until: number, maxRows: number): Promise<void> {
    if (this.window.end >= until || this.window.end === this.rowCount) return
    // If the source ends in this pass, the block starts at most maxRows before the end, so the last
    // maxRows + scrollbackRows (+1 look-ahead) rows are all a block and its scrollback can need.
    const capacity = maxRows + this.scrollbackRows + 1
    await this.source.pull(until, (row, offset) => {
      // A pass re-opened after a failure first skips the rows the window already has.
      if (offset < this.window.end) return
      this.window.push(row)
      if (this.window.size > capacity) this.window.dropFront(1)
    })
    if (!this.source.done) return
    if (this.source.position < this.window.end) {
      throw new BatchgateError(
        ErrorCode.SOURCE_FAILED,
        `the re-opened row source ended at row ${this.source.position}, but it yielded rows up to ${this.window.end} before`,
      )
    }
    this.rowCount = this.source.position
  }

  /** Starts a new pass for a move before the window, where the host allows it. */
  private async rewind(start: number, request: FetchRequest): Promise<void> {
    if (!this.reopenable) {
      throw new BatchgateError(
        ErrorCode.SCROLLBACK_EXCEEDED,
        `${request.orientation} needs row ${start}, but this cursor keeps rows [${this.window.base}, ${this.window.end}) ` +
          `(scrollbackRows: ${this.scrollbackRows}) and its source cannot be re-opened`,
      )
    }
    await this.source.restart()
    this.window.reset(0)
  }
}

/**
 * A cursor over a streaming source, sync or async, that never holds the whole result: it keeps the last
 * block, the `scrollbackRows` rows before it and one row of look-ahead. Moves inside that window are served
 * from memory; a move further back calls `factory` again and skips forward (or fails with
 * `SCROLLBACK_EXCEEDED` when `reopenable` is `false`); `FETCH_LAST` reads to the end, keeping only the
 * window. The iterator is closed (`return()`) when the cursor is closed or re-opens the source.
 *
 * A source that throws fails the fetch with `SOURCE_FAILED` (the source's error as `cause`) and leaves
 * the position unchanged; the rows read before the failure stay available, and the next fetch that needs
 * more re-opens the source (or fails again with `SOURCE_FAILED` when it cannot be re-opened).
 *
 * @example
 * ```ts
 * const cursor = cursorFromIterable(() => db.stream('select * from events order by id'), { scrollbackRows: 1000 })
 * const block = await cursor.fetch(FetchOrientation.FETCH_NEXT, 500)
 * ```
 */
export function cursorFromIterable<T>(
  factory: RowSourceFactory<T>,
  options: IterableCursorOptions,
): StreamingCursor<T> {
  return new IterableCursor(factory, options)
}
