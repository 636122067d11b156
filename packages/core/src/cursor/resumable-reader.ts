import { setTimeout as sleep } from 'node:timers/promises'
import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'
import { checkAnswer } from './answer-checks.js'
import { fetchAttempt } from './fetch-attempt.js'
import { FetchOrientation } from './fetch-orientation.js'
import type { FetchFunction } from './operation-cursor.js'
import { checkInteger, MAX_TIMER_MS } from './option-checks.js'
import type { ResumableReadEvent } from './resumable-read-event.js'
import { thrownMessage } from '../errors/describe-value.js'

/**
 * Options of {@link resumableReader}.
 *
 * @example
 * ```ts
 * const options: ResumableReaderOptions = { maxRows: 1000, maxRetries: 5, retryDelayMs: 500, fetchTimeoutMs: 10_000 }
 * ```
 */
export interface ResumableReaderOptions {
  /** Rows asked for in each fetch. */
  readonly maxRows: number
  /** Consecutive failed attempts allowed before the read fails (default 3). */
  readonly maxRetries?: number | undefined
  /** The pause after a failed attempt, in milliseconds (default 250). */
  readonly retryDelayMs?: number | undefined
  /**
   * How long one fetch attempt may go unanswered, in milliseconds (default 60 000, at most 2^31 - 1).
   * Then its `signal` is aborted, its answer will be ignored if it ever comes, and it counts as a failed
   * attempt: the reader re-synchronises with `FETCH_PRIOR` as after a lost response, whatever
   * `isRetryable` says. The default is finite because a transport that never answers (a half-open TCP
   * connection, a proxy that swallowed the request) must not hang the read forever, and generous because
   * a server may legitimately take long to produce a block (a result computed as it is fetched); a
   * too-short timeout turns a slow read into failed attempts. Interactive hosts lower it.
   */
  readonly fetchTimeoutMs?: number | undefined
  /**
   * Whether an error from `fetch` is a transport error worth a retry (default: every error); others end
   * the read as they are. Errors that carry one of this library's codes are never retried.
   */
  readonly isRetryable?: ((error: unknown) => boolean) | undefined
  /** Told, synchronously, of each request, answer and recovered failure; an error it throws ends the read. */
  readonly onEvent?: ((event: ResumableReadEvent) => void) | undefined
}

interface ReadSettings {
  readonly maxRows: number
  readonly maxRetries: number
  readonly retryDelayMs: number
  readonly fetchTimeoutMs: number
  readonly isRetryable: (error: unknown) => boolean
  readonly onEvent: (event: ResumableReadEvent) => void
}

/**
 * The client half of Spark's FETCH_PRIOR (SPARK-29349): every row of a result, exactly once and in order,
 * over a `fetch` that may lose a request before the server or a response after it. It reads with
 * `FETCH_NEXT`; after a transport error, or an attempt left unanswered for `fetchTimeoutMs` (whose
 * `signal` it then aborts, ignoring any late answer), it waits `retryDelayMs` and re-synchronises with `FETCH_PRIOR(1)`,
 * whose answer's `startRowOffset` tells where the server stands (a lost `FETCH_PRIOR` is simply repeated;
 * each moves the server back one row, so `k` lost answers in a row need `k` rows of server scrollback),
 * skips the rows it has already yielded and reads on. It fails with `FETCH_RETRIES_EXHAUSTED` after
 * `maxRetries` consecutive failures, `UNSUPPORTED_FETCH_ORIENTATION` when the server refuses
 * `FETCH_PRIOR`, and `FETCH_OFFSET_MISMATCH` when the server's offsets contradict the rows received (an
 * old server that always reports 0). Errors carrying this library's codes are passed on, not retried.
 * It expects a cursor nobody else has fetched from (its first block starts at row 0), and can be
 * iterated once.
 *
 * @example
 * ```ts
 * const fetch: FetchFunction<Row> = (orientation, maxRows, _offset, { signal } = {}) =>
 *   client.fetchResults(handle, orientation, maxRows, { signal })
 * for await (const row of resumableReader(fetch, { maxRows: 1000, retryDelayMs: 200, fetchTimeoutMs: 10_000 })) {
 *   write(row)
 * }
 * ```
 */
export function resumableReader<T>(
  fetch: FetchFunction<T>,
  options: ResumableReaderOptions,
): AsyncIterable<T> {
  const settings: ReadSettings = {
    maxRows: checkInteger('maxRows', options.maxRows, 1),
    maxRetries: checkInteger('maxRetries', options.maxRetries ?? 3, 0),
    retryDelayMs: checkInteger('retryDelayMs', options.retryDelayMs ?? 250, 0),
    fetchTimeoutMs: checkInteger(
      'fetchTimeoutMs',
      options.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS,
      1,
      MAX_TIMER_MS,
    ),
    isRetryable: options.isRetryable ?? (() => true),
    onEvent: options.onEvent ?? (() => undefined),
  }
  let iterated = false
  return {
    [Symbol.asyncIterator]: () => {
      if (!iterated) {
        iterated = true
        return readRows(fetch, settings)
      }
      return refuse(new BatchgateError(ErrorCode.CLOSED, 'a resumable reader can be iterated only once'))
    },
  }
}

/** See {@link ResumableReaderOptions.fetchTimeoutMs} for why a minute. */
const DEFAULT_FETCH_TIMEOUT_MS = 60_000

async function* readRows<T>(
  fetch: FetchFunction<T>,
  settings: ReadSettings,
): AsyncGenerator<T, void, undefined> {
  const { maxRows, onEvent } = settings
  let rowsRead = 0
  let serverEnd = 0
  let minRowCount = 0
  let synchronised = true
  let failures = 0
  let lastFailure: unknown
  for (;;) {
    const orientation = synchronised ? FetchOrientation.FETCH_NEXT : FetchOrientation.FETCH_PRIOR
    // Re-synchronising needs only the answer's startRowOffset: FETCH_PRIOR(1) moves the server back one
    // row, so even a run of lost answers stays within a small scrollback window on the server.
    const rowsAsked = synchronised ? maxRows : 1
    onEvent({ type: 'request', orientation, maxRows: rowsAsked })
    const outcome = await fetchAttempt(fetch, orientation, rowsAsked, settings.fetchTimeoutMs)
    if (outcome.kind !== 'answer') {
      const { error } = outcome
      // A timeout is the reader's own verdict on a silent transport: always a failed attempt.
      if (outcome.kind === 'error') {
        if (BatchgateError.is(error)) throw explain(error, orientation, rowsRead, lastFailure)
        if (!settings.isRetryable(error)) throw error
      }
      if (++failures > settings.maxRetries) throw giveUp(error, failures, rowsRead)
      lastFailure = error
      // The server may or may not have moved, so only a FETCH_PRIOR answer can tell where it stands.
      synchronised = false
      onEvent({ type: 'transport-error', orientation, error, failures, retryDelayMs: settings.retryDelayMs })
      if (settings.retryDelayMs > 0) await sleep(settings.retryDelayMs)
      continue
    }
    const { answer } = outcome
    checkAnswer(answer, orientation, { rowsRead, serverEnd, minRowCount })
    failures = 0
    synchronised = true
    const { startRowOffset, rows, hasMoreRows } = answer
    serverEnd = startRowOffset + rows.length
    minRowCount = Math.max(minRowCount, hasMoreRows ? serverEnd + 1 : serverEnd)
    const skippedRows = Math.min(rowsRead - startRowOffset, rows.length)
    const newRows = rows.length - skippedRows
    onEvent({
      type: 'answer',
      orientation,
      startRowOffset,
      rowCount: rows.length,
      skippedRows,
      hasMoreRows,
      rowsRead: rowsRead + newRows,
    })
    for (let index = skippedRows; index < rows.length; index++) {
      rowsRead++
      yield rows[index] as T
    }
    if (!hasMoreRows) return
  }
}

/** A library error from the server, with the reader's view added where it changes what the host must do. */
function explain(
  error: BatchgateError,
  orientation: FetchOrientation,
  rowsRead: number,
  lastFailure: unknown,
): BatchgateError {
  if (orientation !== FetchOrientation.FETCH_PRIOR || error.code !== ErrorCode.UNSUPPORTED_FETCH_ORIENTATION)
    return error
  return new BatchgateError(
    ErrorCode.UNSUPPORTED_FETCH_ORIENTATION,
    `cannot resume the read after row ${rowsRead}: a fetch failed (${describeError(lastFailure)}) and the server ` +
      'does not support FETCH_PRIOR, so which rows it sent is unknown; stopping rather than risk a lost or repeated row',
    { cause: error, sqlState: error.sqlState ?? 'HY106' },
  )
}

function giveUp(error: unknown, failures: number, rowsRead: number): BatchgateError {
  return new BatchgateError(
    ErrorCode.FETCH_RETRIES_EXHAUSTED,
    `the read failed after ${rowsRead} rows and ${failures} consecutive failed attempt(s): ${describeError(error)}`,
    { cause: error },
  )
}

function describeError(error: unknown): string {
  return thrownMessage(error)
}

/** The iterator of a reader iterated a second time: reading again would restart mid-result. */
function refuse(error: BatchgateError): AsyncIterator<never> {
  return { next: () => Promise.reject(error) }
}
