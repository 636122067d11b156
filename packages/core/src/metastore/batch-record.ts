import type { BatchState } from '../batch/batch-state.js'

/**
 * A batch row as the metastore keeps it. Stores persist every field and give back exactly what they
 * stored; optional values are `null` so that a row read back compares equal to the row written.
 *
 * @example
 * ```ts
 * const stored = await store.getBatch('6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69')
 * if (stored?.state === 'PENDING') { ... }
 * ```
 */
export interface BatchRecord {
  /** Primary (unique) key: the canonical lower-case UUID. */
  readonly id: string
  /** The submitting user. */
  readonly owner: string
  readonly batchType: string
  readonly resource: string
  readonly className: string | null
  readonly name: string | null
  readonly conf: Readonly<Record<string, string>>
  readonly args: readonly string[]
  /** A digest of the normalised request without the id key, to tell a retry from a different request. */
  readonly fingerprint: string
  readonly state: BatchState
  /** Epoch milliseconds. */
  readonly createTime: number
  readonly startTime: number | null
  readonly endTime: number | null
  readonly diagnostic: string | null
  /** The engine instance that created the row. */
  readonly createdBy: string
}

/**
 * A compare-and-set change of a batch's state: applied only while the stored state is `from` (or one
 * of them, when `from` lists several).
 *
 * @example
 * ```ts
 * await store.updateBatchState(id, { from: 'PENDING', to: 'RUNNING', startTime: clock.now() })
 * await store.updateBatchState(id, { from: ['PENDING', 'RUNNING'], to: 'CANCELED', endTime: clock.now() })
 * ```
 */
export interface BatchStateChange {
  readonly from: BatchState | readonly BatchState[]
  readonly to: BatchState
  readonly startTime?: number
  readonly endTime?: number
  readonly diagnostic?: string
}

/** The states a change may apply from, as a list. */
export function expectedStates(change: Pick<BatchStateChange, 'from'>): readonly BatchState[] {
  return typeof change.from === 'string' ? [change.from] : change.from
}
