import {
  BatchgateError,
  ErrorCode,
  OperationState,
  type OperationService,
  type RequestContext,
} from '@batchgate/core'

const ENDED: ReadonlySet<string> = new Set([
  OperationState.FINISHED,
  OperationState.CANCELED,
  OperationState.CLOSED,
  OperationState.ERROR,
  OperationState.TIMEDOUT,
])
const FIRST_POLL_MS = 2
const LAST_POLL_MS = 50

/**
 * Waits until an operation has ended, `until` (epoch ms) has come, or `signal` is aborted — whichever is
 * first — by polling its status (2 ms, doubling to 50 ms). A synchronous `POST …/operations/statement`
 * uses it so that its answer (the handle) is never lost to the request timeout: an operation still
 * running then is answered as it is, and the client polls its event. An operation closed meanwhile ends
 * the wait too.
 *
 * @example
 * ```ts
 * await waitForOperation(engine.operations, handle, { user }, Date.now() + 25_000, signal)
 * ```
 */
export async function waitForOperation(
  operations: OperationService,
  handle: string,
  context: RequestContext,
  until: number,
  signal: AbortSignal,
): Promise<void> {
  let pause = FIRST_POLL_MS
  while (!signal.aborted) {
    try {
      if (ENDED.has(operations.status(handle, context).state)) return
    } catch (error) {
      if (BatchgateError.is(error, ErrorCode.OPERATION_NOT_FOUND)) return
      throw error
    }
    const left = until - Date.now()
    if (left <= 0) return
    await sleep(Math.min(pause, left), signal)
    pause = Math.min(pause * 2, LAST_POLL_MS)
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}
