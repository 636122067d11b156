import type { ApplicationInfo } from '../application/application-info.js'
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
  /** The application the launcher reported (see `MetadataStore.updateApplication`); null until it does. */
  readonly appId: string | null
  readonly appUrl: string | null
  readonly appState: string | null
  readonly appDiagnostic: string | null
  /** Epoch milliseconds, as the launcher reported it. */
  readonly appStartTime: number | null
  /**
   * The engine instance that owns the batch: the one that launches it (PENDING, about to be claimed),
   * attends it (RUNNING) or did (terminal). `null` while the batch waits in the launch queue, where any
   * live instance with a free slot may claim it.
   */
  readonly ownerInstance: string | null
  /**
   * The owner's lease token (random per engine start): every write an owner makes is conditioned on it
   * (fencing), so an instance whose batches were adopted can no longer change them. `null` while queued.
   */
  readonly ownerToken: string | null
  /** Launch-queue priority (conf `kyuubi.batch.priority`, default 10): higher is claimed first. */
  readonly priority: number
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
  /**
   * Fencing: when given, the change applies only while the stored `ownerToken` equals it (an owner's
   * write). Omitted for a user's cancel, which any instance may make.
   */
  readonly ownerToken?: string
}

/** The states a change may apply from, as a list. */
export function expectedStates(change: Pick<BatchStateChange, 'from'>): readonly BatchState[] {
  return typeof change.from === 'string' ? [change.from] : change.from
}

/**
 * A compare-and-set report of a batch's application: applied only while the stored state is `from`
 * (one of them, for a list), so a report arriving after the batch ended changes nothing. It writes the
 * fields `info` gives (a field left out, or `undefined`, keeps its stored value) and never the state.
 * Core has validated `info` (bounded strings, a non-negative safe integer time) before a store sees it.
 *
 * @example
 * ```ts
 * await store.updateApplication(id, { from: 'RUNNING', info: { appId: 'application_1_0001', appState: 'RUNNING' } })
 * ```
 */
export interface ApplicationUpdate {
  readonly from: BatchState | readonly BatchState[]
  readonly info: ApplicationInfo
  /** Fencing: when given, the update applies only while the stored `ownerToken` equals it. */
  readonly ownerToken?: string
}
