import type { CursorOptions, OperationCursor, RowSet } from '@batchgate/core'
import { expect } from 'vitest'
import type { CursorFactory } from './cursor-factory.js'
import type { CursorMovementStep } from './movement-vectors.js'

/** `fetch` with the argument types a host receives from the wire, to pass what TypeScript would refuse. */
export type LooseFetch = (orientation: unknown, maxRows: unknown, offset?: unknown) => Promise<unknown>

/** The cursor's `fetch`, untyped. */
export function looseFetch(cursor: OperationCursor<number>): LooseFetch {
  return cursor.fetch.bind(cursor) as LooseFetch
}

/** The answer a step must get on a result of `rowCount` rows, where row `i` is `i`. */
export function expectedBlock(step: CursorMovementStep, rowCount: number): RowSet<number> {
  const [start, end] = step.block
  return {
    startRowOffset: start,
    rows: Array.from({ length: end - start }, (_, index) => start + index),
    hasMoreRows: end < rowCount,
  }
}

/** Runs `steps` one after the other, checking each whole answer (the step's index names a failure). */
export async function expectSteps(
  cursor: OperationCursor<number>,
  rowCount: number,
  steps: readonly CursorMovementStep[],
): Promise<void> {
  for (const [index, step] of steps.entries()) {
    const answer = await cursor.fetch(step.orientation, step.maxRows, step.offset)
    expect({ step: index, ...answer }).toEqual({ step: index, ...expectedBlock(step, rowCount) })
  }
}

/** The error `fetch` rejects with; fails when it resolves, or when it throws instead of rejecting. */
export async function rejectionOf(fetch: () => Promise<unknown>): Promise<unknown> {
  let pending: Promise<unknown>
  try {
    pending = fetch()
  } catch (error) {
    throw new Error('fetch threw synchronously; it must return a rejected promise', { cause: error })
  }
  const outcome = await pending.then(
    (value: unknown) => ({ resolved: value }),
    (error: unknown) => ({ error }),
  )
  if ('resolved' in outcome) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.resolved)}`)
  return outcome.error
}

/** A {@link CursorFactory} that remembers the cursors it made. */
export type TrackingFactory = CursorFactory & { closeAll(): Promise<void> }

/** Wraps `factory` so the suite can close every cursor a case made, whatever the case's outcome. */
export function trackingFactory(factory: CursorFactory): TrackingFactory {
  const made: OperationCursor<number>[] = []
  const tracking = async (rowCount: number, options?: CursorOptions): Promise<OperationCursor<number>> => {
    const cursor = await factory(rowCount, options)
    made.push(cursor)
    return cursor
  }
  return Object.assign(tracking, {
    closeAll: async () => {
      await Promise.all(made.map((cursor) => cursor.close()))
    },
  })
}
