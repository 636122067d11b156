import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'
import type { UnreadableBatch } from '../metastore/unreadable-batch.js'

/**
 * The report of a stored row that `list` or recovery skipped because it cannot be decoded: code
 * `CORRUPT_BATCH_RECORD`, the batch id and the reason in the message, the decoding error as `cause`.
 * Hosts get it through `onBackgroundError`; the caller of `list` gets the other batches.
 *
 * @example
 * ```ts
 * if (isUnreadableBatch(entry)) reportSafely(config.onBackgroundError, corruptBatchError(entry, 'list'))
 * ```
 */
export function corruptBatchError(entry: UnreadableBatch, skippedBy: string): BatchgateError {
  return new BatchgateError(
    ErrorCode.CORRUPT_BATCH_RECORD,
    `${skippedBy} skipped batch ${entry.id}: its stored row cannot be decoded (${entry.reason})`,
    { cause: entry.cause },
  )
}
