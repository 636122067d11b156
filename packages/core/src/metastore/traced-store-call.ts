import { metastoreChannel, type MetastoreCallMessage } from '../diagnostics/metastore-channel.js'
import { errorCodeOf } from '../errors/error-code-of.js'
import { countingAttempts, stopCountingIfUntraced } from './call-attempts.js'

/** Which call {@link traceStoreCall} traces. */
export interface StoreCallDescription {
  readonly instanceId: string
  /** The port method, e.g. `insertBatch`. */
  readonly operation: string
  readonly dbSystem: string | undefined
  readonly batchId: string | undefined
}

/**
 * Runs one metastore call on the `batchgate:metastore` tracing channel: its message counts the
 * attempts (`retryTransient` finds it through call-attempts.ts) and gets the `errorCode` before the
 * channel sees the call fail. Only for a channel with subscribers (the caller checks).
 *
 * @example
 * ```ts
 * if (metastoreChannel.hasSubscribers) return traceStoreCall(description, () => store.getBatch(id))
 * ```
 */
export function traceStoreCall<T>(description: StoreCallDescription, call: () => Promise<T>): Promise<T> {
  const message: MetastoreCallMessage = { ...description, attempts: 1, errorCode: undefined }
  const traced = countingAttempts(message, () =>
    metastoreChannel.tracePromise(() => withErrorCode(message, call), message),
  )
  return traced.finally(() => {
    stopCountingIfUntraced(metastoreChannel.hasSubscribers)
  })
}

/** The call's promise, which sets `errorCode` on the message before it rejects (or throws). */
function withErrorCode<T>(message: MetastoreCallMessage, call: () => Promise<T>): Promise<T> {
  const noteCode = (error: unknown): never => {
    message.errorCode = errorCodeOf(error)
    throw error
  }
  let pending: Promise<T>
  try {
    pending = call()
  } catch (error) {
    // A store that throws synchronously still throws synchronously, as it does untraced.
    return noteCode(error)
  }
  return pending.catch(noteCode)
}
