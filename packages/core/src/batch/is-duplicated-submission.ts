import type { Batch } from './batch.js'
import { KYUUBI_BATCH_DUPLICATED_KEY } from './batch-keys.js'

/**
 * Whether `submit` answered with an existing batch (the id had been submitted before) rather than
 * creating one.
 *
 * @example
 * ```ts
 * const batch = await engine.batches.submit(request, { user })
 * reply(isDuplicatedSubmission(batch) ? 200 : 201, batch)
 * ```
 */
export function isDuplicatedSubmission(batch: Pick<Batch, 'batchInfo'>): boolean {
  return batch.batchInfo[KYUUBI_BATCH_DUPLICATED_KEY] === 'true'
}
