import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'
import { reportSafely } from '../errors/report-safely.js'
import type { BatchQuery } from '../metastore/batch-query.js'
import type { BatchRecord } from '../metastore/batch-record.js'
import type { MetadataStore } from '../metastore/metadata-store.js'
import { isUnreadableBatch } from '../metastore/unreadable-batch.js'
import { corruptBatchError } from './corrupt-batch-error.js'
import type { BatchServiceSettings } from './batch-service-settings.js'
import type { PagePosition } from './page-token.js'

/** How many unreadable rows one page reads past before it ends early (with a next token). */
const MAX_SKIPPED_PER_PAGE = 1000

/** One page of readable batches, and where the next page starts (`undefined`: there is none). */
export interface ListedPage {
  readonly records: readonly BatchRecord[]
  readonly next: PagePosition | undefined
}

/**
 * Reads one page of `pageSize` batches for `query` (whose own `limit` is ignored), skipping the rows the
 * store could not decode and reporting each through `onBackgroundError`. It reads on past skipped rows
 * until the page is full and one more readable batch is seen (so a next page is only announced when it
 * has something) or the rows run out. The next position is the last row read for this page, skipped or
 * not, so the next page never meets this page's skipped rows again.
 *
 * @example
 * ```ts
 * const { records, next } = await readListPage(store, { owner: 'alice', limit: 0 }, 50, config)
 * ```
 */
export async function readListPage(
  store: MetadataStore,
  query: BatchQuery,
  pageSize: number,
  config: Pick<BatchServiceSettings, 'onBackgroundError'>,
): Promise<ListedPage> {
  const records: BatchRecord[] = []
  let position: PagePosition | undefined = query.after
  let skipped = 0
  for (;;) {
    // One row more than the page, as without skipped rows: then one query answers the whole page.
    const entries = await store.listBatches({
      ...query,
      limit: pageSize + 1,
      ...(position === undefined ? {} : { after: position }),
    })
    for (const entry of entries) {
      // Each row must move the position on: a store that ignored `after` would loop here forever.
      if (position !== undefined && !isAfter(entry, position)) {
        throw new BatchgateError(
          ErrorCode.METASTORE_UNAVAILABLE,
          `the metastore listed batch ${entry.id} out of order (not after ${position.id}): its listBatches breaks the keyset contract`,
        )
      }
      if (isUnreadableBatch(entry)) {
        reportSafely(config.onBackgroundError, corruptBatchError(entry, 'list'))
        // A bounded call even over a long run of corrupt rows: the page ends early, and its next token
        // goes on from the last row read.
        if (++skipped >= MAX_SKIPPED_PER_PAGE)
          return { records, next: { createTime: entry.createTime, id: entry.id } }
      } else if (records.length === pageSize) {
        return { records, next: position }
      } else {
        records.push(entry)
      }
      position = { createTime: entry.createTime, id: entry.id }
    }
    if (entries.length <= pageSize) return { records, next: undefined }
  }
}

/** Whether `row` comes after `position` in listing order (newest first, then id descending). */
function isAfter(row: PagePosition, position: PagePosition): boolean {
  return (
    row.createTime < position.createTime || (row.createTime === position.createTime && row.id < position.id)
  )
}
