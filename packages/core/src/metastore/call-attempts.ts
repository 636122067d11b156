import { AsyncLocalStorage } from 'node:async_hooks'

/** What a traced metastore call counts (the `attempts` of its `MetastoreCallMessage`). */
export interface AttemptCounter {
  attempts: number
}

// Entered only around a call traced on `batchgate:metastore` (see traced-store-call.ts): with no
// subscriber no call runs inside it, and a retry finds nothing to count.
const currentCall = new AsyncLocalStorage<AttemptCounter>()

/** Runs `call` with `counter` as the attempts of the metastore call under way (in its async continuations too). */
export function countingAttempts<T>(counter: AttemptCounter, call: () => T): T {
  return currentCall.run(counter, call)
}

/**
 * Turns the attempt counting's store off once nobody traces metastore calls any more: a store that has
 * run stays enabled (on Node 20 and 22, an async hook on every async resource of the process) until
 * disabled. The next traced call enables it again. Called when a traced call settles.
 */
export function stopCountingIfUntraced(traced: boolean): void {
  if (!traced) currentCall.disable()
}

/**
 * Counts one more attempt of the metastore call under way, when that call is traced on
 * `batchgate:metastore` (otherwise it does nothing). `retryTransient` calls it before each retry; a
 * store that retries a transient failure its own way calls it too, so that `attempts` stays true.
 *
 * @example
 * ```ts
 * if (isBusy(error)) { noteTransientRetry(); return retryLater() }
 * ```
 */
export function noteTransientRetry(): void {
  const counter = currentCall.getStore()
  if (counter !== undefined) counter.attempts++
}
