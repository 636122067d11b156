import type { MetadataStore } from '@batchgate/core/store'

/** A store whose `claimBatch` calls can be made to wait: a fault for an instance holding PENDING batches. */
export interface ClaimGate {
  readonly store: MetadataStore
  /** From now on claims wait (they have not reached the database) until {@link ClaimGate.release}. */
  hold(): void
  /** Lets the waiting claims and every later one through. */
  release(): void
}

/**
 * Wraps `store` so that its claims can be held: every other call, and every claim while not held, goes
 * straight to the real store (a Proxy, so the coordination methods a store adds are all passed on).
 * An instance killed while holding leaves its own PENDING batches unclaimed, as a host that died
 * between its insert and its launch would.
 *
 * @example
 * ```ts
 * const gate = claimGate(fixture.newStore())
 * gate.hold() // the next submissions are inserted but stay PENDING
 * ```
 */
export function claimGate(store: MetadataStore): ClaimGate {
  let held: Promise<void> | undefined
  let open: () => void = () => undefined
  const proxy = new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target)
      if (typeof value !== 'function') return value
      const method = value as (...args: unknown[]) => unknown
      if (property !== 'claimBatch') return method.bind(target)
      return async (...args: unknown[]) => {
        while (held !== undefined) await held
        return method.apply(target, args)
      }
    },
  })
  return {
    store: proxy,
    hold() {
      held ??= new Promise<void>((resolve) => {
        open = resolve
      })
    },
    release() {
      held = undefined
      open()
    },
  }
}
