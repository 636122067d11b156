import type { BatchState } from '../batch/batch-state.js'

/**
 * What {@link MetadataStore.listBatches} returns: the batches matching every given filter, newest
 * first (`createTime` descending, then `id` descending), at most `limit` of them, starting strictly
 * after `after` in that order (keyset paging: stable while rows are inserted).
 *
 * @example
 * ```ts
 * await store.listBatches({ owner: 'alice', states: ['RUNNING'], limit: 50 })
 * await store.listBatches({ owner: 'alice', after: { createTime: last.createTime, id: last.id }, limit: 50 })
 * ```
 */
export interface BatchQuery {
  readonly owner?: string
  readonly batchType?: string
  /** Any of these states. */
  readonly states?: readonly BatchState[]
  /** Created by this engine instance. */
  readonly createdBy?: string
  /** Owned by this engine instance (`ownerInstance`). */
  readonly ownerInstance?: string
  /** Owned under this lease token (`ownerToken`). */
  readonly ownerToken?: string
  /** Any of these ids. */
  readonly ids?: readonly string[]
  /** `createTime >= createdFrom`. */
  readonly createdFrom?: number
  /** `createTime < createdBefore`. */
  readonly createdBefore?: number
  /** The last batch of the previous page. */
  readonly after?: { readonly createTime: number; readonly id: string }
  readonly limit: number
}

/**
 * What {@link MetadataStore.purgeBatches} deletes: at most `limit` batches in a terminal state
 * (FINISHED, ERROR, CANCELED) whose `endTime` is before `endedBefore`.
 *
 * @example
 * ```ts
 * const deleted = await store.purgeBatches({ endedBefore: now - 3 * DAY, limit: 500 })
 * ```
 */
export interface PurgeQuery {
  readonly endedBefore: number
  readonly limit: number
}
