/**
 * Hive's operation states (`TOperationState`), as core's operations and both wire fronts report them.
 *
 * @example
 * ```ts
 * const status = engine.operations.status(handle, { user: 'alice' })
 * if (status.state === OperationState.ERROR) console.error(status.errorMessage, status.sqlState)
 * ```
 */
export const OperationState = {
  INITIALIZED: 'INITIALIZED',
  PENDING: 'PENDING',
  RUNNING: 'RUNNING',
  FINISHED: 'FINISHED',
  CANCELED: 'CANCELED',
  CLOSED: 'CLOSED',
  ERROR: 'ERROR',
  TIMEDOUT: 'TIMEDOUT',
} as const

/** One of the {@link OperationState} values. */
export type OperationState = (typeof OperationState)[keyof typeof OperationState]
