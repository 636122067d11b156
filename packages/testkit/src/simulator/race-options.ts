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
  /** Told as answers come in (in-process) or as processes finish (child processes). */
  readonly onProgress?: (done: number, total: number) => void
}

/** The options with defaults applied and checked. */
export interface ResolvedRace {
  readonly instances: number
  readonly ids: readonly string[]
  readonly submitsPerId: number
  readonly lookupBeforeInsert: LookupBeforeInsert | undefined
}

export function resolveRace(options: RaceOptions): ResolvedRace {
  const instances = positive(options.instances ?? 8, 'instances')
  const ids =
    typeof options.ids === 'object'
      ? [...options.ids]
      : Array.from({ length: positive(options.ids ?? 50, 'ids') }, () => randomUUID())
  return {
    instances,
    ids,
    submitsPerId: positive(options.submitsPerId ?? 3, 'submitsPerId'),
    lookupBeforeInsert: options.lookupBeforeInsert,
  }
}

function positive(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer, got ${value}`)
  return value
}
