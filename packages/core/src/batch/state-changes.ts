import type { BatchStateChange } from '../metastore/batch-record.js'
import type { MetadataStore } from '../metastore/metadata-store.js'
import { assertTransition } from './state-transitions.js'

/**
 * The one way core changes a batch's state: the move is checked against the life cycle, then applied
 * as a compare-and-set on the stored state, so two instances never both move a batch.
 *
 * @example
 * ```ts
 * const moved = await changeState(store, id, { from: 'PENDING', to: 'RUNNING', startTime: now })
 * ```
 */
export function changeState(store: MetadataStore, id: string, change: BatchStateChange): Promise<boolean> {
  assertTransition(change.from, change.to)
  return store.updateBatchState(id, change)
}
