import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createEngine } from '@batchgate/core'
import type { MetadataStore } from '@batchgate/core/store'
import { sqliteStore } from '@batchgate/store-sqlite'

/**
 * A real SQLite store whose purge waits for the test to let it go, so a retention sweep is under way
 * exactly when the engine closes.
 */
function storeWithHeldPurge(filename: string): {
  store: MetadataStore
  purgeStarted: Promise<void>
  release: () => void
  events: string[]
} {
  const real = sqliteStore({ filename })
  const events: string[] = []
  let started: () => void = () => undefined
  const purgeStarted = new Promise<void>((resolve) => (started = resolve))
  let release: () => void = () => undefined
  const released = new Promise<void>((resolve) => (release = resolve))
  const store = new Proxy(real, {
    get(target, property, receiver) {
      if (property === 'purgeBatches') {
        return async (...args: Parameters<MetadataStore['purgeBatches']>) => {
          events.push('purge started')
          started()
          await released
          try {
            return await target.purgeBatches(...args)
          } finally {
            events.push('purge ended')
          }
        }
      }
      if (property === 'close') {
        return async () => {
          events.push('store closing')
          await target.close()
        }
      }
      const value: unknown = Reflect.get(target, property, receiver)
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    },
  })
  return { store, purgeStarted, release, events }
}

describe('engine.close() during a retention sweep', () => {
  it('waits for the sweep under way before closing the store, and reports nothing', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'batchgate-close-sweep-'))
    const held = storeWithHeldPurge(join(folder, 'batchgate.db'))
    const reported: unknown[] = []
    const engine = await createEngine({
      store: held.store,
      retention: { maxAgeMs: 1_000, intervalMs: 10, batchSize: 10 },
      onBackgroundError: (error) => reported.push(error),
    })
    await held.purgeStarted
    const closing = engine.close()
    // Let the close reach the store if it does not wait for the sweep, then let the purge go on.
    await new Promise((resolve) => setTimeout(resolve, 50))
    held.release()
    await closing
    // A sweep the timer started while it was closing would show up here too.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(reported).toEqual([])
    expect(held.events).toEqual(['purge started', 'purge ended', 'store closing'])
    await expect(engine.purgeExpiredBatches()).rejects.toMatchObject({ code: 'CLOSED' })
  })
})
