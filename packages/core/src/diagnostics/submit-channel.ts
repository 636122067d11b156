import { tracingChannel, type TracingChannel } from 'node:diagnostics_channel'

/**
 * How a submission ended: a new batch (`created`), the stored batch answered again (`duplicate`), the
 * id reused with a different request (`conflict`, `BATCH_ID_CONFLICT`), a request refused before
 * anything was stored (`invalid`: `INVALID_REQUEST`, `INVALID_BATCH_ID`, `PERMISSION_DENIED`), or any
 * other failure (`failed`: `METASTORE_UNAVAILABLE`, `CLOSED`, ...).
 */
export type SubmitOutcome = 'created' | 'duplicate' | 'conflict' | 'invalid' | 'failed'

/**
 * The message of one `engine.batches.submit` on {@link submitChannel}. Node's tracing channel adds
 * `error` (on the `error` event) and `result` (the `Batch`, on `asyncEnd`). The fields below are set
 * as they become known; all of them are set before `asyncEnd` (or `error`) is published.
 */
export interface SubmitMessage {
  /** The engine instance that served the submission. */
  readonly instanceId: string
  /**
   * The authenticated user, set once the request passed validation; `undefined` when it did not (or
   * the engine was closed). A launcher's refusal comes after validation: the fields are set then.
   */
  user: string | undefined
  /** The request's `batchType`, set once the request passed validation. */
  batchType: string | undefined
  /**
   * The batch id (canonical, or generated when none was given), set once the request passed
   * validation; on `created` the stored one (a generated id that collided was replaced).
   */
  batchId: string | undefined
  /** Whether the client gave the id (`kyuubi.batch.id`), set once the request passed validation. */
  idGiven: boolean | undefined
  /** How it ended; set before `asyncEnd` or `error`. */
  outcome: SubmitOutcome | undefined
  /**
   * The `BatchgateError` code of a failed submission (`conflict`, `invalid`, `failed`); `UNKNOWN` for
   * an error that is not a `BatchgateError`. `undefined` on `created` and `duplicate`.
   */
  errorCode: string | undefined
  /**
   * On `created`: whether the batch went to the launch queue (no free launch slot here) rather than
   * being launched here. `undefined` for every other outcome.
   */
  queued: boolean | undefined
  /** Set by Node's tracing channel on `error`. */
  error?: unknown
  /** Set by Node's tracing channel on `asyncEnd`. */
  result?: unknown
}

/**
 * `batchgate:submit`: a tracing channel around every `engine.batches.submit` (start, end, asyncStart,
 * asyncEnd, error). Public API: the name and the message shape are stable.
 *
 * @example
 * ```ts
 * import { submitChannel } from '@batchgate/core/diagnostics'
 * submitChannel.asyncEnd.subscribe((message) => console.log(message.batchId, message.outcome))
 * ```
 */
export const submitChannel: TracingChannel<unknown, SubmitMessage> = tracingChannel('batchgate:submit')
