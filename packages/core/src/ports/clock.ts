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

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() }
