import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import { sampleRequest } from '../../harness/fixtures.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import type { ConformanceCase } from '../conformance-case.js'
import { rejectionOf, withEngine } from './engine-helpers.js'

type Case = ConformanceCase<StoreFixture>
const alice = { user: 'alice' }

export const accessCases: readonly Case[] = [
  {
    group: 'access',
    name: 'get: the stored batch for its owner, undefined for an unknown id, PERMISSION_DENIED for others',
    run: async (fixture) => {
      const id = randomUUID()
      await withEngine(fixture, {}, async (engine) => {
        const created = await engine.batches.submit(sampleRequest(id), alice)
        expect(await engine.batches.get(id.toUpperCase(), alice)).toEqual(created)
        expect(await engine.batches.get(randomUUID(), alice)).toBeUndefined()
        expect((await rejectionOf(engine.batches.get(id, { user: 'bob' }))).code).toBe('PERMISSION_DENIED')
        expect((await rejectionOf(engine.batches.get('not-a-uuid', alice))).code).toBe('INVALID_BATCH_ID')
      })
    },
  },
  {
    group: 'access',
    name: 'close() is idempotent and later calls fail with CLOSED, storing nothing',
    run: async (fixture) => {
      const engine = await withEngine(fixture, {}, (opened) => Promise.resolve(opened))
      await engine.close()
      expect((await rejectionOf(engine.batches.submit(sampleRequest(), alice))).code).toBe('CLOSED')
      expect((await rejectionOf(engine.batches.get(randomUUID(), alice))).code).toBe('CLOSED')
      expect(await fixture.rawBatches()).toEqual([])
    },
  },
]
