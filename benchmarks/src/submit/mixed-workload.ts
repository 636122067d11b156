import { randomUUID } from 'node:crypto'
import type { Engine } from '@batchgate/core'
import type { BatchRow } from '@batchgate/sql-store'
import type { Contender } from '../harness/measure.js'
import { BENCH_CONTEXT, benchRequest, benchRow } from './bench-request.js'

/** Every how many submissions of the mixed workload one is a retry of an existing id. */
export const MIX_EVERY = 10

/** The mixed workload's part of a figure's name. */
export const MIXED = `1 in ${MIX_EVERY} an existing id`

/** The part of a figure's name for an engine with the lookup forced on or off. */
export const ALWAYS = ' · lookupBeforeInsert true'
export const NEVER = ' · lookupBeforeInsert false'

/** The engine's lookup settings the mixed workload is measured with: the default, and forced. */
export const MIXED_MODES = [
  ['adaptive', ''],
  [true, ALWAYS],
  [false, NEVER],
] as const

/** The raw driver's two statements, sync or async. */
export interface RawStatements {
  insert(row: BatchRow): unknown
  select(id: string): unknown
}

/**
 * Nine new ids, then a retry of one of `ids` (stored on both sides), over and over: `submit` against
 * the raw driver running the same mix with the one statement each id needs (an INSERT for a new id, a
 * SELECT for a stored one), as a client that knew in advance which ids exist would.
 */
export function mixedContenders(
  engine: Engine,
  raw: RawStatements,
  ids: readonly string[],
): [subject: Contender, baseline: Contender] {
  // The client's retried requests exist before it calls submit, as the ids do before the raw SELECT.
  const retries = ids.map(benchRequest)
  let next = 0
  let nextRaw = 0
  const existing = (call: number): number => (call / MIX_EVERY) % ids.length
  return [
    {
      name: 'submit mixed',
      fn: () => {
        const call = next++
        const request =
          call % MIX_EVERY === 0 ? (retries[existing(call)] ?? benchRequest('')) : benchRequest(randomUUID())
        return engine.batches.submit(request, BENCH_CONTEXT)
      },
    },
    {
      name: 'raw mixed',
      fn: () => {
        const call = nextRaw++
        return call % MIX_EVERY === 0
          ? raw.select(ids[existing(call)] ?? '')
          : raw.insert(benchRow(randomUUID()))
      },
    },
  ]
}
