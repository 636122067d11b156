import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'
import type { BatchRecord } from '../metastore/batch-record.js'
import type { Batch } from './batch.js'
import { KYUUBI_BATCH_DUPLICATED_KEY, KYUUBI_BATCH_ID_KEY } from './batch-keys.js'
import { batchFromRecord } from './batch-mapping.js'
import { isSameRequest } from './same-request.js'
import type { ValidatedSubmission } from './validated-submission.js'

const DUPLICATED_INFO: Readonly<Record<string, string>> = Object.freeze({
  [KYUUBI_BATCH_DUPLICATED_KEY]: 'true',
})

/**
 * The answer to a submission whose id is already stored: the stored batch marked duplicated, when it
 * belongs to the same user and (unless `compareRequests` is off) the same request. Otherwise
 * `BATCH_ID_CONFLICT`, whose message reveals nothing of the stored batch to another user.
 *
 * @example
 * ```ts
 * return answerDuplicate(await store.getBatch(id), submission, config.compareDuplicateRequests)
 * ```
 */
export function answerDuplicate(
  stored: BatchRecord,
  submission: ValidatedSubmission,
  compareRequests: boolean,
): Batch {
  if (stored.owner !== submission.owner) {
    throw new BatchgateError(
      ErrorCode.BATCH_ID_CONFLICT,
      `${KYUUBI_BATCH_ID_KEY}=${submission.id} is already in use; choose another id`,
    )
  }
  if (compareRequests && !isSameRequest(stored, submission)) {
    throw new BatchgateError(
      ErrorCode.BATCH_ID_CONFLICT,
      `${KYUUBI_BATCH_ID_KEY}=${submission.id} was already submitted with a different request ` +
        '(batchType, resource, className, name, conf or args differ); choose another id to submit a new batch',
    )
  }
  return batchFromRecord(stored, DUPLICATED_INFO)
}
