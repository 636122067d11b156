import { submitChannel, type SubmitMessage, type SubmitOutcome } from '../diagnostics/submit-channel.js'
import { errorCodeOf } from '../errors/error-code-of.js'
import { ErrorCode } from '../errors/error-codes.js'
import type { Batch } from './batch.js'
import { isDuplicatedSubmission } from './is-duplicated-submission.js'
import type { ValidatedSubmission } from './validated-submission.js'

/** The codes of a request refused before anything was stored (a launcher's refusal is `INVALID_REQUEST`). */
const INVALID_CODES: ReadonlySet<string> = new Set([
  ErrorCode.INVALID_REQUEST,
  ErrorCode.INVALID_BATCH_ID,
  ErrorCode.PERMISSION_DENIED,
])

/**
 * Runs one submission on the `batchgate:submit` tracing channel: `submit` gets the message to fill in
 * as it validates (see {@link noteSubmission}), and the outcome is set before the channel sees the
 * promise settle. Only for a channel with subscribers (the caller checks).
 *
 * @example
 * ```ts
 * if (submitChannel.hasSubscribers) return traceSubmission(instanceId, (message) => submit(message))
 * ```
 */
export function traceSubmission(
  instanceId: string,
  submit: (message: SubmitMessage) => Promise<Batch>,
): Promise<Batch> {
  const message: SubmitMessage = {
    instanceId,
    user: undefined,
    batchType: undefined,
    batchId: undefined,
    idGiven: undefined,
    outcome: undefined,
    errorCode: undefined,
    queued: undefined,
  }
  return submitChannel.tracePromise(
    () =>
      submit(message).then(
        (batch) => answered(message, batch),
        (error: unknown) => refused(message, error),
      ),
    message,
  )
}

/** Fills in what validation learnt: who submits what, under which id. */
export function noteSubmission(message: SubmitMessage, submission: ValidatedSubmission): void {
  message.user = submission.owner
  message.batchType = submission.batchType
  message.batchId = submission.id
  message.idGiven = submission.idGiven
}

function answered(message: SubmitMessage, batch: Batch): Batch {
  // The stored id: a generated one that collided was replaced by another.
  message.batchId = batch.id
  if (isDuplicatedSubmission(batch)) {
    message.outcome = 'duplicate'
  } else {
    message.outcome = 'created'
    // Owned by nobody: no launch slot was free here, so the batch waits in the launch queue.
    message.queued = batch.ownerInstance === undefined
  }
  return batch
}

function refused(message: SubmitMessage, error: unknown): never {
  const code = errorCodeOf(error)
  message.errorCode = code
  message.outcome = outcomeOf(code)
  throw error
}

function outcomeOf(code: string): SubmitOutcome {
  if (code === ErrorCode.BATCH_ID_CONFLICT) return 'conflict'
  return INVALID_CODES.has(code) ? 'invalid' : 'failed'
}
