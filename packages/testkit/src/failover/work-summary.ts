import type { WorkLogEntry } from './work-log.js'

/** What the work log says about one batch. */
export interface BatchWork {
  readonly batchId: string
  /** Every start of its work (more than one: the batch was launched twice). */
  readonly launches: readonly WorkLogEntry[]
  readonly ends: readonly WorkLogEntry[]
  readonly kills: readonly WorkLogEntry[]
}

/**
 * The work log grouped by batch, in order of first appearance.
 *
 * @example
 * ```ts
 * const twice = summarizeWork(readWorkLog(path)).filter((work) => work.launches.length > 1)
 * ```
 */
export function summarizeWork(entries: readonly WorkLogEntry[]): BatchWork[] {
  const byBatch = new Map<string, { launches: WorkLogEntry[]; ends: WorkLogEntry[]; kills: WorkLogEntry[] }>()
  for (const entry of entries) {
    let work = byBatch.get(entry.batchId)
    if (work === undefined) {
      work = { launches: [], ends: [], kills: [] }
      byBatch.set(entry.batchId, work)
    }
    if (entry.event === 'launch') work.launches.push(entry)
    else if (entry.event === 'end') work.ends.push(entry)
    else work.kills.push(entry)
  }
  return [...byBatch].map(([batchId, work]) => ({ batchId, ...work }))
}

/**
 * The batches launched more than once, with how many times: empty when exactly-once held.
 *
 * @example
 * ```ts
 * expect(launchedTwice(readWorkLog(path))).toEqual({})
 * ```
 */
export function launchedTwice(entries: readonly WorkLogEntry[]): Record<string, number> {
  return Object.fromEntries(
    summarizeWork(entries)
      .filter((work) => work.launches.length > 1)
      .map((work) => [work.batchId, work.launches.length]),
  )
}
