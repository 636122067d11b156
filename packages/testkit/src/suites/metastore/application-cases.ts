import type { ApplicationInfo } from '@batchgate/core'
import type { BatchState } from '@batchgate/core/store'
import { expect } from 'vitest'
import { sampleRecord } from '../../harness/fixtures.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import type { ConformanceCase } from '../conformance-case.js'
import { rawRowsOf, withStore, withStores } from './store-helpers.js'

type Case = ConformanceCase<StoreFixture>

const FULL_REPORT = {
  appId: 'application_1700000000000_0042',
  appUrl: 'http://rm:8088/proxy/application_1700000000000_0042/',
  appState: 'RUNNING',
  appDiagnostic: 'queue: default',
  appStartTime: 1_763_700_000_500,
} as const

/** The application fields of a record, as a report sets them. */
function applicationOf(info: ApplicationInfo): Record<string, string | number | null> {
  return {
    appId: info.appId ?? null,
    appUrl: info.appUrl ?? null,
    appState: info.appState ?? null,
    appDiagnostic: info.appDiagnostic ?? null,
    appStartTime: info.appStartTime ?? null,
  }
}

/** Text at core's bounds (APPLICATION_INFO_LIMITS), with characters that each store encodes differently. */
function textOf(units: number, alphabet: string): string {
  let text = ''
  while (text.length < units) text += alphabet
  const cut = text.slice(0, units)
  // Never half of a surrogate pair: core's bounds never leave one (lone surrogates are not stored as given).
  return /[\ud800-\udbff]$/.test(cut) ? `${cut.slice(0, -1)}z` : cut
}

export const applicationCases: readonly Case[] = [
  {
    group: 'application',
    name: 'stores a report while the batch is RUNNING, returned by getBatch, listBatches and the raw row',
    run: async (fixture) => {
      const batch = sampleRecord({ state: 'RUNNING', startTime: 7 })
      await withStore(fixture, async (store) => {
        await store.insertBatch(batch)
        expect(await store.getBatch(batch.id)).toMatchObject(applicationOf({}))
        expect(await store.updateApplication(batch.id, { from: 'RUNNING', info: FULL_REPORT })).toBe(true)
        expect(await store.getBatch(batch.id)).toEqual({ ...batch, ...FULL_REPORT })
        expect(await store.listBatches({ ids: [batch.id], limit: 1 })).toEqual([{ ...batch, ...FULL_REPORT }])
      })
      expect(await rawRowsOf(fixture, batch.id)).toEqual([{ ...batch, ...FULL_REPORT }])
    },
  },
  {
    group: 'application',
    name: 'sets only the fields a report gives: a later report keeps the earlier ones',
    run: async (fixture) => {
      const batch = sampleRecord({ state: 'RUNNING', startTime: 7 })
      await withStore(fixture, async (store) => {
        await store.insertBatch(batch)
        const first = { appId: 'application_1_0001', appState: 'ACCEPTED', appStartTime: 10 }
        expect(await store.updateApplication(batch.id, { from: 'RUNNING', info: first })).toBe(true)
        const second = { appState: 'FAILED', appDiagnostic: 'container exited with 137', appUrl: undefined }
        expect(await store.updateApplication(batch.id, { from: 'RUNNING', info: second })).toBe(true)
      })
      expect(await rawRowsOf(fixture, batch.id)).toEqual([
        {
          ...batch,
          ...applicationOf({
            appId: 'application_1_0001',
            appState: 'FAILED',
            appDiagnostic: 'container exited with 137',
            appStartTime: 10,
          }),
        },
      ])
    },
  },
  {
    group: 'application',
    name: 'changes nothing and answers false once the batch is FINISHED, ERROR or CANCELED (or PENDING)',
    run: async (fixture) => {
      const states: BatchState[] = ['FINISHED', 'ERROR', 'CANCELED', 'PENDING']
      const batches = states.map((state) =>
        sampleRecord({
          state,
          startTime: state === 'PENDING' ? null : 7,
          endTime: state === 'PENDING' ? null : 9,
        }),
      )
      await withStore(fixture, async (store) => {
        for (const batch of batches) {
          await store.insertBatch(batch)
          expect(await store.updateApplication(batch.id, { from: 'RUNNING', info: FULL_REPORT })).toBe(false)
          // An empty report answers the same question without writing.
          expect(await store.updateApplication(batch.id, { from: 'RUNNING', info: {} })).toBe(false)
          expect(await store.getBatch(batch.id)).toEqual(batch)
        }
      })
      const rows = await fixture.rawBatches()
      for (const batch of batches) expect(rows.filter((row) => row.id === batch.id)).toEqual([batch])
    },
  },
  {
    group: 'application',
    name: 'matches any state of a list, none of an empty list, and an unknown id never (creating nothing)',
    run: async (fixture) => {
      const batch = sampleRecord({ state: 'RUNNING', startTime: 7 })
      await withStore(fixture, async (store) => {
        await store.insertBatch(batch)
        expect(await store.updateApplication(batch.id, { from: [], info: { appId: 'a' } })).toBe(false)
        expect(
          await store.updateApplication(sampleRecord().id, { from: 'RUNNING', info: { appId: 'a' } }),
        ).toBe(false)
        expect(await store.updateApplication(batch.id, { from: 'RUNNING', info: {} })).toBe(true)
        expect(
          await store.updateApplication(batch.id, { from: ['PENDING', 'RUNNING'], info: { appId: 'b' } }),
        ).toBe(true)
      })
      expect(await fixture.rawBatches()).toEqual([{ ...batch, ...applicationOf({ appId: 'b' }) }])
    },
  },
  {
    group: 'application',
    name: 'round-trips values at the bounds: 256-unit id and state, 2048-unit URL, 8 KiB diagnostic with NUL and astral characters, times 0 and 2^53-1',
    run: async (fixture) => {
      const atBounds = {
        appId: textOf(256, 'aé中😀'),
        appUrl: `https://example.org/${textOf(2048 - 20, 'ü/😀x')}`,
        appState: textOf(256, 'Ω'),
        appDiagnostic: `${textOf(8 * 1024, 'line\u0000 ünïcödé 😀\n')}…`,
        appStartTime: Number.MAX_SAFE_INTEGER,
      }
      const low = { appId: 'x', appStartTime: 0 }
      const first = sampleRecord({ state: 'RUNNING', startTime: 7 })
      const second = sampleRecord({ state: 'RUNNING', startTime: 7 })
      await withStores(fixture, 2, async ([writer, reader]) => {
        if (writer === undefined || reader === undefined) throw new Error('two stores')
        await writer.insertBatch(first)
        await writer.insertBatch(second)
        expect(await writer.updateApplication(first.id, { from: 'RUNNING', info: atBounds })).toBe(true)
        expect(await writer.updateApplication(second.id, { from: 'RUNNING', info: low })).toBe(true)
        expect(await reader.getBatch(first.id)).toEqual({ ...first, ...atBounds })
        expect(await reader.getBatch(second.id)).toEqual({ ...second, ...applicationOf(low) })
      })
      expect(await rawRowsOf(fixture, first.id)).toEqual([{ ...first, ...atBounds }])
    },
  },
  {
    group: 'application',
    name: 'a report racing the move to FINISHED answers true exactly when it was stored',
    run: async (fixture) => {
      const batches = Array.from({ length: 10 }, () => sampleRecord({ state: 'RUNNING', startTime: 7 }))
      await withStores(fixture, 2, async ([reporter, finisher]) => {
        if (reporter === undefined || finisher === undefined) throw new Error('two stores')
        for (const batch of batches) await reporter.insertBatch(batch)
        const outcomes = await Promise.all(
          batches.map(async (batch) => {
            const [reported] = await Promise.all([
              reporter.updateApplication(batch.id, { from: 'RUNNING', info: { appId: 'late' } }),
              finisher.updateBatchState(batch.id, { from: 'RUNNING', to: 'FINISHED', endTime: 9 }),
            ])
            return { batch, reported }
          }),
        )
        for (const { batch, reported } of outcomes) {
          const stored = await finisher.getBatch(batch.id)
          expect(stored).toMatchObject({ state: 'FINISHED', appId: reported ? 'late' : null })
        }
      })
    },
  },
]
