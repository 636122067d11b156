/** What {@link priorityInversions} needs of a batch row. */
export interface QueuedBatchRow {
  readonly id: string
  readonly priority: number
  readonly createTime: number
  readonly startTime: number | null
}

/** A lower-priority batch that started well before a higher-priority one already waiting. */
export interface PriorityInversion {
  readonly started: QueuedBatchRow
  readonly passedOver: QueuedBatchRow
  /** How many batches started between them (at least the window). */
  readonly distance: number
}

/**
 * Checks that the launch queue served priorities in order, allowing for the slots' concurrency: the
 * batches are ordered by `startTime`; a batch of lower priority may start before one of higher priority
 * that was already waiting (created before it started) only within `window` starts of it (claims by
 * `window` free slots at once race one another). Rows never started are left out.
 *
 * @example
 * ```ts
 * expect(priorityInversions(await fixture.rawBatches(), 4 * 5)).toEqual([])
 * ```
 */
export function priorityInversions(rows: readonly QueuedBatchRow[], window: number): PriorityInversion[] {
  const started = rows
    .filter((row): row is QueuedBatchRow & { startTime: number } => row.startTime !== null)
    .sort((a, b) => a.startTime - b.startTime || a.id.localeCompare(b.id))
  const inversions: PriorityInversion[] = []
  started.forEach((low, position) => {
    for (let later = position + window; later < started.length; later++) {
      const high = started[later]
      if (high === undefined || high.priority <= low.priority || high.createTime >= low.startTime) continue
      inversions.push({ started: low, passedOver: high, distance: later - position })
    }
  })
  return inversions
}
