import type { IdSource } from '@batchgate/core'
import { expect } from 'vitest'
import { sampleRequest } from '../../harness/fixtures.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import type { ConformanceCase } from '../conformance-case.js'
import { rejectionOf, withEngine } from './engine-helpers.js'

type Case = ConformanceCase<StoreFixture>

/** Ids a custom IdSource may wrongly give: none is a UUID that `get` and `cancel` could name. */
const UNSTORABLE_IDS: readonly [string, unknown][] = [
  ['an ASCII id that is not a UUID', 'batch-0001'],
  ['a non-ASCII id', 'batch-ü'],
  ['an id of 37 characters', 'b'.repeat(37)],
  ['an empty id', ''],
  ['an id with a control character', 'batch\u00001'],
  ['a number', 7],
]

export const idSourceCases: readonly Case[] = [
  {
    group: 'submit',
    name: 'refuses an id from a custom IdSource that is not a UUID with INVALID_OPTIONS; stores nothing',
    run: async (fixture) => {
      for (const [what, id] of UNSTORABLE_IDS) {
        const ids: IdSource = { newId: () => id as string }
        await withEngine(fixture, { idSource: ids }, async (engine) => {
          const { conf: _withoutId, ...request } = sampleRequest()
          const error = await rejectionOf(engine.batches.submit(request, { user: 'alice' }))
          expect(error, what).toMatchObject({ name: 'BatchgateError', code: 'INVALID_OPTIONS' })
        })
      }
      expect(await fixture.rawBatches()).toEqual([])
    },
  },
  {
    group: 'submit',
    name: 'stores an upper-case UUID from a custom IdSource in canonical form, so get and cancel find it',
    run: async (fixture) => {
      const upper = '6C7E3A4E-1F0B-4C52-9A57-2F1D3C4B5A69'
      const ids: IdSource = { newId: () => upper }
      await withEngine(fixture, { idSource: ids }, async (engine) => {
        const { conf: _withoutId, ...request } = sampleRequest()
        const created = await engine.batches.submit(request, { user: 'alice' })
        expect(created.id).toBe(upper.toLowerCase())
        expect((await engine.batches.get(upper, { user: 'alice' }))?.id).toBe(created.id)
        expect((await engine.batches.cancel(upper, { user: 'alice' })).state).toBe('CANCELED')
      })
      expect(await fixture.rawBatches()).toMatchObject([{ id: upper.toLowerCase(), state: 'CANCELED' }])
    },
  },
]
