import type { BatchStateChange } from '@batchgate/core/store'
import type { BatchRow } from './batch-row.js'

/** The columns a state change writes. */
export type StateChangeColumns = Pick<BatchRow, 'state'> &
  Partial<Pick<BatchRow, 'start_time' | 'end_time' | 'diagnostic'>>

/**
 * The columns a compare-and-set of a batch's state writes: the new state, and each time or diagnostic
 * the change carries (a field it leaves out keeps its stored value).
 *
 * @example
 * ```ts
 * await db.updateTable(BATCH_TABLE).set(stateChangeColumns(change))
 *   .where('id', '=', id).where('state', 'in', [...expectedStates(change)]).executeTakeFirst()
 * ```
 */
export function stateChangeColumns(change: BatchStateChange): StateChangeColumns {
  return {
    state: change.to,
    ...(change.startTime === undefined ? {} : { start_time: change.startTime }),
    ...(change.endTime === undefined ? {} : { end_time: change.endTime }),
    ...(change.diagnostic === undefined ? {} : { diagnostic: change.diagnostic }),
  }
}
