import type { OperationState } from './operation-state.js'

/**
 * An operation as `engine.operations.status` reports it.
 *
 * @example
 * ```ts
 * const { state, errorMessage } = engine.operations.status(handle, { user: 'alice' })
 * ```
 */
export interface OperationStatus {
  /** The operation handle: a UUID, in canonical lower-case form. */
  readonly handle: string
  /** The handle of the session it runs in. */
  readonly sessionHandle: string
  readonly user: string
  readonly statement: string
  readonly state: OperationState
  /** Epoch milliseconds at which it was created. */
  readonly createTime: number
  /** Epoch milliseconds at which the executor was called, once RUNNING. */
  readonly startTime: number | undefined
  /** Epoch milliseconds at which it reached FINISHED, CANCELED, ERROR, TIMEDOUT or CLOSED. */
  readonly completeTime: number | undefined
  /** The failure's message, in state ERROR (and TIMEDOUT: what timed out). */
  readonly errorMessage: string | undefined
  /** The failure's SQLSTATE, when the executor gave one. */
  readonly sqlState: string | undefined
  /** Whether it has a result set to fetch (true once FINISHED). */
  readonly hasResultSet: boolean
}
