/**
 * A seeded pseudo-random source (mulberry32): the same seed gives the same sequence, so a random fault
 * pattern that finds a bug can be replayed from its seed. Returns floats in `[0, 1)`. Not for anything
 * that needs unpredictability.
 *
 * @example
 * ```ts
 * const random = seededRandom(42)
 * const maxRows = 1 + Math.floor(random() * 50) // the same on every run
 * ```
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
