import type { IdSource } from '@batchgate/core'
import { expect } from 'vitest'
import { sampleRequest } from '../../harness/fixtures.js'
import type { MetastoreHarness } from '../../harness/metastore-harness.js'
import type { ConformanceCase } from '../conformance-case.js'
import { rejectionOf, withEngine } from './engine-helpers.js'

type Case = ConformanceCase<MetastoreHarness>

/** Ids a custom IdSource may wrongly give: none fits every store's id column (36 printable ASCII). */
const UNSTORABLE_IDS: readonly [string, unknown][] = [
  ['a non-ASCII id', 'batch-ü'],
  ['an id of 37 characters', 'b'.repeat(37)],
  ['an empty id', ''],
  ['an id with a control character', 'batch\u00001'],
  ['a number', 7],
]

export const idSourceCases: readonly Case[] = [
  {
    group: 'submit',
    name: 'refuses an id from a custom IdSource that not every store can hold with INVALID_OPTIONS; stores nothing',
    run: async (harness) => {
      for (const [what, id] of UNSTORABLE_IDS) {
        const ids: IdSource = { newId: () => id as string }
        await withEngine(harness, { idSource: ids }, async (engine) => {
          const { conf: _withoutId, ...request } = sampleRequest()
          const error = await rejectionOf(engine.batches.submit(request, { user: 'alice' }))
          expect(error, what).toMatchObject({ name: 'BatchgateError', code: 'INVALID_OPTIONS' })
        })
      }
      expect(await harness.rawBatches()).toEqual([])
    },
  },
]
