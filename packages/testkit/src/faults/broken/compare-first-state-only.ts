import { expectedStates, type BatchStateChange } from '@batchgate/core/store'
import { DelegatingStore } from '../delegating-store.js'

/**
 * Reads `from` as one state (`typeof from === 'string' ? from : from[0]`): a change from a list of
 * states applies only from the first, so "cancel a PENDING or RUNNING batch" misses RUNNING ones.
 */
export class CompareFirstStateOnly extends DelegatingStore {
  override updateBatchState(id: string, change: BatchStateChange): Promise<boolean> {
    return super.updateBatchState(id, { ...change, from: expectedStates(change).slice(0, 1) })
  }
}
