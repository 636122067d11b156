import { OperationState } from '@batchgate/core'
import { TOperationState } from '../protocol/tcliservice-types.js'

/**
 * Core's operation states as Hive's `TOperationState` (the same names with `_STATE`).
 *
 * @example
 * ```ts
 * OPERATION_STATE_OF[OperationState.FINISHED] // TOperationState.FINISHED_STATE
 * ```
 */
export const OPERATION_STATE_OF: Readonly<Record<OperationState, TOperationState>> = {
  [OperationState.INITIALIZED]: TOperationState.INITIALIZED_STATE,
  [OperationState.PENDING]: TOperationState.PENDING_STATE,
  [OperationState.RUNNING]: TOperationState.RUNNING_STATE,
  [OperationState.FINISHED]: TOperationState.FINISHED_STATE,
  [OperationState.CANCELED]: TOperationState.CANCELED_STATE,
  [OperationState.CLOSED]: TOperationState.CLOSED_STATE,
  [OperationState.ERROR]: TOperationState.ERROR_STATE,
  [OperationState.TIMEDOUT]: TOperationState.TIMEDOUT_STATE,
}
