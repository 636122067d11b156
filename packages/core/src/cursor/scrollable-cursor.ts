import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'
import { BEFORE_FIRST_BLOCK, type BlockBounds } from './block-position.js'
import { fetchPolicy, type CursorOptions, type FetchPolicy } from './cursor-options.js'
import type { FetchOrientation } from './fetch-orientation.js'
import type { OperationCursor } from './operation-cursor.js'
import type { RowSet } from './row-set.js'
import { promiseFrom, SerialQueue } from './serial-queue.js'
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

  /** Reads the block `request` asks for, given the previous block's bounds. */
  protected abstract readBlock(request: FetchRequest, previous: BlockBounds): Promise<RowSet<T>>

  /** Frees the rows and closes the source; called once, after the last fetch has settled. */
  protected abstract release(): Promise<void>

  // The checks run synchronously, before any await or queueing, and a refused fetch rejects. Not an
  // async function: that would wrap the queue's promise in one more, a few turns per fetch.
  fetch(orientation: FetchOrientation, maxRows: number, offset?: number): Promise<RowSet<T>> {
    return promiseFrom(() => {
      this.assertOpen()
      const request = validateFetch(this.policy, orientation, maxRows, offset)
      // A fetch called before close() is served: close() queues the release behind it.
      return this.queue.run(() =>
        this.readBlock(request, this.position).then((block) => {
          this.position = { start: block.startRowOffset, end: block.startRowOffset + block.rows.length }
          return block
        }),
      )
    })
  }

  close(): Promise<void> {
    if (this.closed) return this.queue.run(() => Promise.resolve())
    this.closed = true
    return this.queue.run(() => this.release())
  }

  private assertOpen(): void {
    if (this.closed) throw new BatchgateError(ErrorCode.CLOSED, 'this cursor is closed')
  }
}
