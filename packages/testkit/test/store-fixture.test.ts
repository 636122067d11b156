import { describe, expect, it } from 'vitest'
import {
  engineConformanceCases,
  openStoreFixture,
  simulateRaceInProcesses,
  type StoreFixture,
} from '@batchgate/testkit'
import { sqliteFixture } from '@batchgate/store-sqlite/testing'

describe('StoreFixture', () => {
  it('openStoreFixture records the module and spec a worker reopens it with, when the module did not', async () => {
    const fixture = sqliteFixture()
    try {
      const module =
        'data:text/javascript,export const createStoreFixture = () => ({ dispose: async () => {} })'
      const opened = await openStoreFixture(module, fixture.reopen.spec)
      expect(opened.reopen).toEqual({ module, spec: fixture.reopen.spec })
      await opened.dispose()
      // A module's own reopen is kept.
      const sqlite = await openStoreFixture('@batchgate/store-sqlite/testing', fixture.reopen.spec)
      expect(sqlite.reopen).toEqual(fixture.reopen)
    } finally {
      await fixture.dispose()
    }
  })

  it('a race across processes refuses a fixture that cannot be reopened, naming what is missing', async () => {
    const fixture = sqliteFixture()
    try {
      const { reopen: _reopen, ...inProcessOnly } = fixture
      await expect(simulateRaceInProcesses({ fixture: inProcessOnly, processes: 2 })).rejects.toThrow(
        /needs a fixture with reopen: \{ module, spec \} \(sqlite:.* has none\)/,
      )
    } finally {
      await fixture.dispose()
    }
  })

  it('a case that needs the optional raw delete fails outside vitest (never passes vacuously) without it', async () => {
    const vanishing = engineConformanceCases.find((c) => c.name.includes('existing row vanishes'))
    expect(vanishing).toBeDefined()
    const fixture = sqliteFixture()
    try {
      const withoutDelete: StoreFixture = {
        newStore: () => fixture.newStore(),
        rawBatches: () => fixture.rawBatches(),
        dispose: () => Promise.resolve(),
      }
      const skipped: string[] = []
      await expect(vanishing?.run(withoutDelete)).rejects.toThrow(/no rawDeleteBatch hook/)
      await expect(
        vanishing?.run(withoutDelete, {
          skip: (reason) => {
            skipped.push(reason)
            throw new Error('skipped')
          },
        }),
      ).rejects.toThrow('skipped')
      expect(skipped).toEqual([
        'the fixture has no rawDeleteBatch hook, so a row cannot vanish behind the store',
      ])
    } finally {
      await fixture.dispose()
    }
  })
})
