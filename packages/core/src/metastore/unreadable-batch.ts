import type { BatchRecord } from './batch-record.js'

/**
 * A stored row a store could not decode (broken JSON, an unknown state: something this code did not
 * write), listed by {@link MetadataStore.listBatches} in the row's place instead of failing the whole
 * query. It keeps the row's position (`createTime`, `id`) so that paging goes on past it.
 *
 * @example
 * ```ts
 * for (const entry of await store.listBatches(query)) {
 *   if (isUnreadableBatch(entry)) log.warn(entry.reason)
 *   else use(entry)
 * }
 * ```
 */
export interface UnreadableBatch {
  readonly unreadable: true
  readonly id: string
  readonly createTime: number
  /** What is wrong with the row, naming the batch, e.g. `batch … has unreadable conf JSON`. */
  readonly reason: string
  /** The decoding error, when there was one (a JSON `SyntaxError`). */
  readonly cause?: unknown
}

/** One entry of a listing: a decoded batch, or a row that could not be decoded. */
export type ListedBatch = BatchRecord | UnreadableBatch

/** Whether a listing's entry is a row that could not be decoded. */
export function isUnreadableBatch(entry: ListedBatch): entry is UnreadableBatch {
  return 'unreadable' in entry
}
