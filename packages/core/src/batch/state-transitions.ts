import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'
import { BatchState } from './batch-state.js'

/** Where each state may go. Terminal states go nowhere: a late FINISHED never overwrites CANCELED. */
const NEXT_STATES: Readonly<Record<BatchState, readonly BatchState[]>> = {
  PENDING: [BatchState.RUNNING, BatchState.CANCELED, BatchState.ERROR],
  RUNNING: [BatchState.FINISHED, BatchState.ERROR, BatchState.CANCELED],
  FINISHED: [],
  ERROR: [],
  CANCELED: [],
}

/**
 * Whether the life cycle allows `from` → `to`.
 *
 * @example
 * ```ts
 * canTransition('RUNNING', 'CANCELED') // true
 * canTransition('FINISHED', 'RUNNING') // false
 * ```
 */
export function canTransition(from: BatchState, to: BatchState): boolean {
  return NEXT_STATES[from].includes(to)
}

/**
 * Throws `ILLEGAL_STATE_TRANSITION` unless every state in `from` may go to `to`. Core checks each
 * change before it asks the store, so a programming error can never write an impossible history.
 *
 * @example
 * ```ts
 * assertTransition(['PENDING', 'RUNNING'], 'CANCELED')
 * ```
 */
export function assertTransition(from: BatchState | readonly BatchState[], to: BatchState): void {
  for (const state of typeof from === 'string' ? [from] : from) {
    if (!canTransition(state, to)) {
      throw new BatchgateError(ErrorCode.ILLEGAL_STATE_TRANSITION, `a batch cannot go from ${state} to ${to}`)
    }
  }
}
