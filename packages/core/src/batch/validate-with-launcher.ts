import { BatchgateError } from '../errors/batchgate-error.js'
import { previewValue, thrownMessage } from '../errors/describe-value.js'
import { ErrorCode } from '../errors/error-codes.js'
import type { BatchLauncher } from './batch-launcher.js'
import type { ValidatedSubmission } from './validated-submission.js'

/** The most of a launcher's refusal message that reaches the submitter. */
const MAX_REFUSAL_CHARS = 1000

/**
 * Runs a launcher's `validate` on a checked submission. Whatever it throws or rejects with becomes
 * `INVALID_REQUEST` with the launcher's message (its first 1000 characters: the submitter reads it, so a
 * launcher must not put internal details there) and its error as `cause`; its own `INVALID_REQUEST`
 * passes as it is. A launcher whose check fails for a reason that is not the request's fault (a
 * lookup that timed out) still refuses the submission: nothing is stored, and the client may retry.
 *
 * @example
 * ```ts
 * if (launcher.validate !== undefined) await validateWithLauncher(launcher, submission)
 * ```
 */
export async function validateWithLauncher(
  launcher: BatchLauncher,
  submission: ValidatedSubmission,
): Promise<void> {
  const { owner, batchType, resource, className, name, conf, args } = submission
  try {
    // Through a promise: a validate that throws synchronously is a refusal like a rejection.
    await Promise.resolve().then(() =>
      launcher.validate?.({
        user: owner,
        batchType,
        resource,
        className: className ?? undefined,
        name: name ?? undefined,
        // Copies: what a launcher's validate does to them must not change what is stored.
        conf: Object.freeze({ ...conf }),
        args: Object.freeze([...args]),
      }),
    )
  } catch (error) {
    if (BatchgateError.is(error, ErrorCode.INVALID_REQUEST)) throw error
    // Bounded: a launcher's message reaches the submitter, and a request's values may be megabytes.
    const message = previewValue(thrownMessage(error), MAX_REFUSAL_CHARS)
    throw new BatchgateError(
      ErrorCode.INVALID_REQUEST,
      message === '' ? `the ${batchType} launcher refused the request` : message,
      { cause: error },
    )
  }
}
