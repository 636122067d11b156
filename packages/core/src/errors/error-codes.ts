/**
 * The stable codes carried by every {@link BatchgateError}. Host applications switch on these, so a code
 * is never renamed or reused once published.
 *
 * @example
 * ```ts
 * if (BatchgateError.is(err) && err.code === ErrorCode.BATCH_ID_CONFLICT) respond(409)
 * ```
 */
export const ErrorCode = {
  /** `kyuubi.batch.id` was given but is not a UUID. */
  INVALID_BATCH_ID: 'INVALID_BATCH_ID',
  /** The batch id is already used by another user or by a different request. */
  BATCH_ID_CONFLICT: 'BATCH_ID_CONFLICT',
  /** A field of the request is missing, of the wrong type, or too large. */
  INVALID_REQUEST: 'INVALID_REQUEST',
  /** No batch has the given id. */
  BATCH_NOT_FOUND: 'BATCH_NOT_FOUND',
  /** The caller may not see or change this batch. */
  PERMISSION_DENIED: 'PERMISSION_DENIED',
  /** A fetch with a bad `maxRows`, offset or orientation. */
  INVALID_FETCH_REQUEST: 'INVALID_FETCH_REQUEST',
  /** The cursor does not serve this fetch orientation (`sqlState` HY106). */
  UNSUPPORTED_FETCH_ORIENTATION: 'UNSUPPORTED_FETCH_ORIENTATION',
  /** A move back beyond the kept window on a source that cannot be re-opened. */
  SCROLLBACK_EXCEEDED: 'SCROLLBACK_EXCEEDED',
  /** A cursor's row source (its factory or iterator) threw; the source's error is the `cause`. */
  SOURCE_FAILED: 'SOURCE_FAILED',
  /** No open operation has the given handle (never opened, closed, or closed for being idle). */
  OPERATION_NOT_FOUND: 'OPERATION_NOT_FOUND',
  /** A resumable read gave up after `maxRetries` consecutive transport failures; the last one is the `cause`. */
  FETCH_RETRIES_EXHAUSTED: 'FETCH_RETRIES_EXHAUSTED',
  /**
   * A resumable read's fetch attempt got no answer within `fetchTimeoutMs`: the attempt's signal is
   * aborted with this error as its reason, and it is the `cause` of `FETCH_RETRIES_EXHAUSTED`.
   */
  FETCH_TIMEOUT: 'FETCH_TIMEOUT',
  /** A server's answer (its `startRowOffset`, or its end of rows) contradicts what a resumable read has received. */
  FETCH_OFFSET_MISMATCH: 'FETCH_OFFSET_MISMATCH',
  /** The metastore could not be reached or kept failing. */
  METASTORE_UNAVAILABLE: 'METASTORE_UNAVAILABLE',
  /**
   * A stored batch row that cannot be decoded (broken JSON, an unknown state) was skipped by `list` or
   * by recovery; reported through `onBackgroundError`, naming the batch, with the decoding error as `cause`.
   */
  CORRUPT_BATCH_RECORD: 'CORRUPT_BATCH_RECORD',
  /** The host passed an option that cannot work (e.g. an empty instanceId or a negative limit). */
  INVALID_OPTIONS: 'INVALID_OPTIONS',
  /** A state change the batch life cycle does not allow (e.g. FINISHED → RUNNING). */
  ILLEGAL_STATE_TRANSITION: 'ILLEGAL_STATE_TRANSITION',
  /** The engine (or another closable part) was used after `close()`. */
  CLOSED: 'CLOSED',
  /** No open session has the given handle for this user (never opened, closed, idled out, or another user's). */
  SESSION_NOT_FOUND: 'SESSION_NOT_FOUND',
  /** The user already has as many open sessions as the host allows. */
  SESSION_LIMIT_EXCEEDED: 'SESSION_LIMIT_EXCEEDED',
  /** The session already has as many open operations as the host allows. */
  OPERATION_LIMIT_EXCEEDED: 'OPERATION_LIMIT_EXCEEDED',
  /** The call needs another operation state (e.g. fetching the result of an operation still RUNNING). */
  INVALID_OPERATION_STATE: 'INVALID_OPERATION_STATE',
  /** The batch's log is kept on the instance that runs it, which is not this one; the message names it. */
  BATCH_LOG_NOT_LOCAL: 'BATCH_LOG_NOT_LOCAL',
  /**
   * A batch's log could not be written (disk full, directory not writable): reported to the engine's
   * `onBackgroundError` once per batch, whose later lines are dropped. The batch itself runs on.
   */
  BATCH_LOG_WRITE_FAILED: 'BATCH_LOG_WRITE_FAILED',
  /**
   * `reassign` named an instance whose lease is live (it still runs its batches), or this instance
   * itself; the message says when the lease expires.
   */
  INSTANCE_ALIVE: 'INSTANCE_ALIVE',
  /** Store-to-core signal that a row with the same key exists; `submit` callers never see it. */
  DUPLICATE_KEY: 'DUPLICATE_KEY',
} as const

/** One of the {@link ErrorCode} values. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]
