import type { BatchRecord } from '../metastore/batch-record.js'

/**
 * The order in which to try the queue's head: shuffled within each priority, so that instances
 * claiming at once do not all race for the same first row, while a higher priority still goes first
 * (the queue's order within a priority — oldest first — holds only roughly, among the few rows read).
 *
 * @example
 * ```ts
 * for (const record of claimOrder(await store.queuedBatches({ limit: 8, unlaunchedGraceMs }))) ...
 * ```
 */
export function claimOrder(head: readonly BatchRecord[], random: () => number = Math.random): BatchRecord[] {
  // The head comes in priority order: a random key within the same priority shuffles only there.
  return head
    .map((record, index) => ({ record, index, key: random() }))
    .sort((a, b) => b.record.priority - a.record.priority || a.key - b.key || a.index - b.index)
    .map(({ record }) => record)
}
