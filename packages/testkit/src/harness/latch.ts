/** A promise opened from outside: `open()` releases everyone awaiting `opened`. */
export interface Latch {
  readonly opened: Promise<void>
  open(): void
}

export function createLatch(): Latch {
  let open!: () => void
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { opened, open }
}

/** Resolves once `count` parties have arrived, for all of them at the same moment. */
export function createBarrier(count: number): () => Promise<void> {
  const latch = createLatch()
  let arrived = 0
  return async () => {
    arrived += 1
    if (arrived === count) latch.open()
    await latch.opened
  }
}
