import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'
import { BEFORE_FIRST_BLOCK, type BlockBounds } from './block-position.js'
import { fetchPolicy, type CursorOptions, type FetchPolicy } from './cursor-options.js'
import type { FetchOrientation } from './fetch-orientation.js'
import type { OperationCursor } from './operation-cursor.js'
import type { RowSet } from './row-set.js'
import { SerialQueue } from './serial-queue.js'
import { validateFetch, type FetchRequest } from './validate-fetch.js'

/**
 * What every cursor shares: argument checks, one fetch at a time, the position, and close. A subclass
 * only says how to read the block a request asks for; the position moves only when that read succeeds,
 * so any failure leaves the cursor where it was.
 */
export abstract class ScrollableCursor<T> implements OperationCursor<T> {
  private readonly policy: FetchPolicy
  private readonly queue = new SerialQueue()
  private position: BlockBounds = BEFORE_FIRST_BLOCK
  private closed = false

  protected constructor(options: CursorOptions) {
    this.policy = fetchPolicy(options)
  }

  /**
   * Reads the block `request` asks for, given the previous block's bounds: at once when the rows are
   * at hand (an array), or as a promise when they must be waited for (a stream).
   */
  protected abstract readBlock(request: FetchRequest, previous: BlockBounds): RowSet<T> | Promise<RowSet<T>>

  /** Frees the rows and closes the source; called once, after the last fetch has settled. */
  protected abstract release(): Promise<void>

  // The checks run synchronously, before any await or queueing, and a refused fetch rejects. Neither an
  // async function (one more promise around the queue's, a few turns per fetch) nor promiseFrom (a
  // closure per fetch): this is the hot path of every read.
  fetch(orientation: FetchOrientation, maxRows: number, offset?: number): Promise<RowSet<T>> {
    try {
      this.assertOpen()
      const request = validateFetch(this.policy, orientation, maxRows, offset)
      // One fetch at a time, the usual case: a block at hand is served without queueing, one promise
      // per fetch instead of four (a third of a fetch's time over an array, measured by pnpm bench).
      if (this.queue.idle) {
        const block = this.readBlock(request, this.position)
        return block instanceof Promise
          ? this.queue.run(() => block.then(this.arrive))
          : Promise.resolve(this.arrive(block))
      }
      // A fetch called before close() is served: close() queues the release behind it.
      return this.queue.run(() => Promise.resolve(this.readBlock(request, this.position)).then(this.arrive))
    } catch (error) {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passed on unchanged, as a rejection
      return Promise.reject(error)
    }
  }

  close(): Promise<void> {
    if (this.closed) return this.queue.run(() => Promise.resolve())
    this.closed = true
    return this.queue.run(() => this.release())
  }

  /** Moves the position to a block that was read, and passes it on. */
  private readonly arrive = (block: RowSet<T>): RowSet<T> => {
    this.position = { start: block.startRowOffset, end: block.startRowOffset + block.rows.length }
    return block
  }

  private assertOpen(): void {
    if (this.closed) throw new BatchgateError(ErrorCode.CLOSED, 'this cursor is closed')
  }
}
