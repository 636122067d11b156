/**
 * The life of a batch: PENDING when stored, RUNNING while its launcher's promise is pending, then
 * FINISHED (resolved), ERROR (rejected) or CANCELED.
 *
 * @example
 * ```ts
 * if (isTerminalState(batch.state)) console.log('done at', batch.endTime)
 * ```
 */
export const BatchState = {
  PENDING: 'PENDING',
  RUNNING: 'RUNNING',
  FINISHED: 'FINISHED',
  ERROR: 'ERROR',
  CANCELED: 'CANCELED',
} as const

/** One of the {@link BatchState} values. */
export type BatchState = (typeof BatchState)[keyof typeof BatchState]

const TERMINAL_STATES: ReadonlySet<BatchState> = new Set([
  BatchState.FINISHED,
  BatchState.ERROR,
  BatchState.CANCELED,
])

/** Whether a batch in `state` will never change again. */
export function isTerminalState(state: BatchState): boolean {
  return TERMINAL_STATES.has(state)
}
