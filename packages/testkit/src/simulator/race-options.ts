import { randomUUID } from 'node:crypto'
import type { LookupBeforeInsert } from '@batchgate/core'

/** The shape of a race, shared by the in-process and the child-process simulator. */
export interface RaceOptions {
  /** Engine instances in all (default 8). */
  readonly instances?: number
  /** How many distinct ids, or the ids themselves (default 50 fresh UUIDs). */
  readonly ids?: number | readonly string[]
  /** How many times each instance submits each id (default 3). */
  readonly submitsPerId?: number
  /** The engines' `lookupBeforeInsert` (default: the engine's default). */
  readonly lookupBeforeInsert?: LookupBeforeInsert
  /**
   * Told as submissions are answered: in this process after each answer, across processes as the
   * workers report (a few times a second). `done` only grows; it reaches `total` at the end.
   */
  readonly onProgress?: (progress: RaceProgress) => void
}

/**
 * How far a race is: `done` of its `total` submissions answered.
 *
 * @example
 * ```ts
 * await simulateRace({ target, onProgress: ({ done, total }) => console.error(`${done}/${total}`) })
 * ```
 */
export interface RaceProgress {
  readonly done: number
  readonly total: number
}

/** The options with defaults applied and checked. */
export interface ResolvedRace {
  readonly instances: number
  readonly ids: readonly string[]
  readonly submitsPerId: number
  readonly lookupBeforeInsert: LookupBeforeInsert | undefined
  /** Submissions in all: instances × ids × submitsPerId. */
  readonly submissions: number
}

export function resolveRace(options: RaceOptions): ResolvedRace {
  const instances = positive(options.instances ?? 8, 'instances')
  const ids =
    typeof options.ids === 'object'
      ? [...options.ids]
      : Array.from({ length: positive(options.ids ?? 50, 'ids') }, () => randomUUID())
  const submitsPerId = positive(options.submitsPerId ?? 3, 'submitsPerId')
  return {
    instances,
    ids,
    submitsPerId,
    lookupBeforeInsert: options.lookupBeforeInsert,
    submissions: instances * ids.length * submitsPerId,
  }
}

function positive(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer, got ${value}`)
  return value
}
