import type { ServiceIdentifier } from 'inversify'

/**
 * Where core reads the time. Inject your own to control time in tests.
 *
 * @example
 * ```ts
 * const fixed: Clock = { now: () => Date.parse('2026-11-21T00:00:00Z') }
 * ```
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number
}

/** The DI token of the {@link Clock} core reads time from. */
export const CLOCK: ServiceIdentifier<Clock> = Symbol.for('@batchgate/core/Clock')

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() }

/**
 * The clock's time as whole epoch milliseconds, which is what every store keeps: an integer column
 * would round a fractional reading, and the creator's answer would then differ from the stored batch.
 *
 * @example
 * ```ts
 * const createTime = epochMillis(clock) // 1763700000123
 * ```
 */
export function epochMillis(clock: Clock): number {
  return Math.floor(clock.now())
}
