import { setImmediate as nextTurn } from 'node:timers/promises'
import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'
import { thrownMessage } from '../errors/describe-value.js'

/** Rows a sync pass takes between turns of the event loop, so a far jump cannot stall a server. */
const SYNC_ROWS_PER_TURN = 65_536

/**
 * Makes the rows of a streaming result, from the first row each time it is called.
 *
 * @example
 * ```ts
 * const factory: RowSourceFactory<Row> = () => db.stream('select * from events order by id')
 * ```
 */
export type RowSourceFactory<T> = () => Iterable<T> | AsyncIterable<T>

function sourceFailed(message: string, cause: unknown): BatchgateError {
  const detail = thrownMessage(cause)
  return new BatchgateError(ErrorCode.SOURCE_FAILED, `${message}: ${detail}`, { cause })
}

/**
 * One pass at a time over a {@link RowSourceFactory}, sync or async, counting the rows taken. Sync
 * iterators are drained without an `await` per row, which keeps skipping through millions of rows cheap.
 */
export class RowSource<T> {
  /** Rows taken from the current pass. */
  position = 0
  /** Whether the current pass has ended. */
  done = false
  private iterator: Iterator<T> | AsyncIterator<T> | undefined
  private sync = false
  private opened = false
  private failure: BatchgateError | undefined

  constructor(
    private readonly factory: RowSourceFactory<T>,
    private readonly reopenable: boolean,
  ) {}

  /** Takes rows until {@link position} reaches `until` or the pass ends, handing each to `onRow`. */
  async pull(until: number, onRow: (row: T, offset: number) => void): Promise<void> {
    if (this.done || this.position >= until) return
    const iterator = this.iterator ?? this.open()
    try {
      if (this.sync) {
        const rows = iterator as Iterator<T>
        while (this.position < until) {
          const step = rows.next()
          if (step.done === true) {
            this.end()
            return
          }
          onRow(step.value, this.position++)
          if (this.position % SYNC_ROWS_PER_TURN === 0) await nextTurn()
        }
      } else {
        while (this.position < until) {
          const step = await iterator.next()
          if (step.done === true) {
            this.end()
            return
          }
          onRow(step.value, this.position++)
        }
      }
    } catch (error) {
      // An iterator that threw is finished by the protocol, so it is dropped, not returned.
      this.iterator = undefined
      this.failure = sourceFailed(`the row source failed at row ${this.position}`, error)
      throw this.failure
    }
  }

  /** Ends the current pass; the next {@link pull} starts a new one from row 0. */
  async restart(): Promise<void> {
    await this.close()
    this.position = 0
    this.done = false
    this.failure = undefined
  }

  /** Closes the current pass's iterator (`return()`), so the source can free what it holds. */
  async close(): Promise<void> {
    const iterator = this.iterator
    this.iterator = undefined
    if (iterator === undefined || this.done) return
    try {
      await iterator.return?.()
    } catch (error) {
      throw sourceFailed('the row source failed to close', error)
    }
  }

  private open(): Iterator<T> | AsyncIterator<T> {
    if (this.failure !== undefined && !this.reopenable) {
      throw new BatchgateError(
        ErrorCode.SOURCE_FAILED,
        `the row source failed earlier and cannot be re-opened (${this.failure.message})`,
        { cause: this.failure.cause },
      )
    }
    if (this.opened && !this.reopenable)
      throw new RangeError('a source that cannot be re-opened was re-opened')
    this.opened = true
    this.position = 0
    this.done = false
    let source: Iterable<T> | AsyncIterable<T>
    try {
      source = this.factory()
    } catch (error) {
      throw sourceFailed('the row source factory failed', error)
    }
    const asAsync = (source as Partial<AsyncIterable<T>> | null | undefined)?.[Symbol.asyncIterator]
    const asSync = (source as Partial<Iterable<T>> | null | undefined)?.[Symbol.iterator]
    if (typeof asAsync === 'function') {
      this.sync = false
      this.iterator = asAsync.call(source)
    } else if (typeof asSync === 'function') {
      this.sync = true
      this.iterator = asSync.call(source)
    } else {
      throw new BatchgateError(
        ErrorCode.SOURCE_FAILED,
        'the row source factory returned no iterable or async iterable',
      )
    }
    return this.iterator
  }

  private end(): void {
    this.done = true
    this.iterator = undefined
  }
}
