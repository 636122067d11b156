import type { BatchLauncher } from '@batchgate/core'
import { expect } from 'vitest'
import { sampleRequest } from '../../harness/fixtures.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import type { ConformanceCase } from '../conformance-case.js'
import { withEngine } from './engine-helpers.js'

type Case = ConformanceCase<StoreFixture>

/** What a launcher may reject with that is not an Error and cannot be turned into a string. */
const UNPRINTABLE_FAILURES: readonly [string, () => unknown][] = [
  ['a null-prototype object', () => Object.create(null) as unknown],
  [
    'an object whose toString throws',
    () => ({
      toString: (): string => {
        throw new Error('toString')
      },
    }),
  ],
  ['a Symbol', () => Symbol('failed')],
]

export const launchFailureValueCases: readonly Case[] = [
  {
    group: 'launch',
    name: 'persists ERROR with a readable diagnostic when a launcher rejects with a value that is not an Error',
    run: async (fixture) => {
      for (const [what, failure] of UNPRINTABLE_FAILURES) {
        const launcher: BatchLauncher = {
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the case: not an Error
          launch: () => Promise.reject(failure()),
        }
        const id = await withEngine(fixture, { launchers: { SPARK: launcher } }, async (engine) => {
          const batch = await engine.batches.submit(sampleRequest(), { user: 'alice' })
          await engine.launchesSettled()
          return batch.id
        })
        const row = (await fixture.rawBatches()).find((stored) => stored.id === id)
        expect(row?.state, what).toBe('ERROR')
        expect(row?.diagnostic, what).toBeTypeOf('string')
      }
    },
  },
]
