import type { BatchQuery } from '../metastore/batch-query.js'
import type { MetadataStore } from '../metastore/metadata-store.js'
import { isUnreadableBatch } from '../metastore/unreadable-batch.js'
import { reportSafely } from '../errors/report-safely.js'
import { corruptBatchError } from './corrupt-batch-error.js'
import { BatchState } from './batch-state.js'
import type { LaunchSupervisor } from './launch-supervisor.js'

/** Rows read per page while recovering. */
const RECOVERY_PAGE = 200

/**
 * Takes over what a previous life of this instance (same `instanceId`) left unfinished: PENDING
 * batches are launched (exactly once: the launch claims them by compare-and-set), RUNNING ones are
 * handed to their launcher's `recover`, or end ERROR saying the instance restarted. Resolves with the
 * number of batches taken over; their launches go on in the background. A row the store cannot decode
 * is left as it is and reported (`CORRUPT_BATCH_RECORD`) to `onBackgroundError`: one bad row must not
 * keep the instance from starting, nor its other batches from being taken over.
 */
export async function recoverUnfinishedBatches(
  store: MetadataStore,
  supervisor: LaunchSupervisor,
  config: { readonly instanceId: string; readonly onBackgroundError: (error: unknown) => void },
): Promise<number> {
  let count = 0
  let after: BatchQuery['after']
  for (;;) {
    const page = await store.listBatches({
      createdBy: config.instanceId,
      states: [BatchState.PENDING, BatchState.RUNNING],
      limit: RECOVERY_PAGE,
      ...(after === undefined ? {} : { after }),
    })
    for (const record of page) {
      if (isUnreadableBatch(record)) {
        reportSafely(config.onBackgroundError, corruptBatchError(record, 'recovery'))
        continue
      }
      count++
      if (record.state === BatchState.PENDING) supervisor.start(record, supervisor.reserve(record.batchType))
      else supervisor.resume(record)
    }
    const last = page.at(-1)
    if (last === undefined || page.length < RECOVERY_PAGE) return count
    after = { createTime: last.createTime, id: last.id }
  }
}
