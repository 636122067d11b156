import { isDuplicatedSubmission, KYUUBI_BATCH_ID_KEY, type BatchRequest } from '@batchgate/core'
import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import { sampleRequest } from '../../harness/fixtures.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import type { ConformanceCase } from '../conformance-case.js'
import { rejectionOf, withEngine } from './engine-helpers.js'

type Case = ConformanceCase<StoreFixture>
const alice = { user: 'alice' }

const CHANGED_FIELDS: readonly [string, Partial<BatchRequest>][] = [
  ['batchType', { batchType: 'FLINK' }],
  ['resource', { resource: 'hdfs:///jobs/other.jar' }],
  ['className', { className: 'org.example.Other' }],
  ['name', { name: 'other' }],
  ['args', { args: ['--day', '2026-11-21'] }],
  ['a conf value', { conf: { 'spark.executor.memory': '8g' } }],
]

/** Text a store must keep to the letter: a retry of it compares equal only if the row holds it exactly. */
const UNUSUAL_TEXT: readonly string[] = [
  'héllo wörld ✓ 🚀',
  'a family: 👩‍👩‍👧 and a flag: 🇳🇴',
  'e\u0301 (combining) vs é',
  'tab\there, newline\nhere, carriage\rreturn',
  'a NUL \u0000 inside',
  `quotes ' " \` and back\\slash \\'`,
  'trailing spaces   ',
  'right-to-left \u202Eabc\u202C',
  '\uFFFD replacement character',
]

export const conflictCases: readonly Case[] = [
  {
    group: 'conflicts',
    name: 'rejects the same id from another user with BATCH_ID_CONFLICT, revealing nothing of the stored batch',
    run: async (fixture) => {
      const id = randomUUID()
      const secret = sampleRequest(id, { resource: 'hdfs:///secret/alice-payroll.jar', name: 'payroll' })
      await withEngine(fixture, {}, async (engine) => {
        await engine.batches.submit(secret, alice)
        const error = await rejectionOf(engine.batches.submit(secret, { user: 'mallory' }))
        expect(error.code).toBe('BATCH_ID_CONFLICT')
        for (const leak of ['alice', 'payroll', 'secret']) expect(error.message).not.toContain(leak)
      })
      expect(await fixture.rawBatches()).toMatchObject([{ id, owner: 'alice' }])
    },
  },
  {
    group: 'conflicts',
    name: 'rejects the same id with a different batchType, resource, className, name, args or conf',
    run: async (fixture) => {
      await withEngine(fixture, {}, async (engine) => {
        for (const [field, change] of CHANGED_FIELDS) {
          const id = randomUUID()
          await engine.batches.submit(sampleRequest(id), alice)
          const changed = { ...sampleRequest(id), ...change }
          if (change.conf !== undefined) changed.conf = { ...change.conf, [KYUUBI_BATCH_ID_KEY]: id }
          const error = await rejectionOf(engine.batches.submit(changed, alice))
          expect(error.code, `a different ${field}`).toBe('BATCH_ID_CONFLICT')
        }
      })
      expect(await fixture.rawBatches()).toHaveLength(CHANGED_FIELDS.length)
    },
  },
  {
    group: 'conflicts',
    name: 'compares conf without the id key and regardless of key order',
    run: async (fixture) => {
      const id = randomUUID()
      await withEngine(fixture, {}, async (engine) => {
        await engine.batches.submit(
          sampleRequest(id, { conf: { a: '1', b: '2', [KYUUBI_BATCH_ID_KEY]: id } }),
          alice,
        )
        const reordered = await engine.batches.submit(
          sampleRequest(id, { conf: { [KYUUBI_BATCH_ID_KEY]: id.toUpperCase(), b: '2', a: '1' } }),
          alice,
        )
        expect(isDuplicatedSubmission(reordered)).toBe(true)
        const extraKey = sampleRequest(id, { conf: { a: '1', b: '2', c: '3', [KYUUBI_BATCH_ID_KEY]: id } })
        expect((await rejectionOf(engine.batches.submit(extraKey, alice))).code).toBe('BATCH_ID_CONFLICT')
      })
    },
  },
  {
    group: 'conflicts',
    name: 'in lenient mode (compareDuplicateRequests: false) returns the stored batch for a different request',
    run: async (fixture) => {
      const id = randomUUID()
      await withEngine(fixture, { compareDuplicateRequests: false }, async (engine) => {
        const created = await engine.batches.submit(sampleRequest(id), alice)
        const other = await engine.batches.submit(
          sampleRequest(id, { resource: 'hdfs:///jobs/other.jar' }),
          alice,
        )
        expect(isDuplicatedSubmission(other)).toBe(true)
        expect(other.resource).toBe(created.resource)
        expect((await rejectionOf(engine.batches.submit(sampleRequest(id), { user: 'bob' }))).code).toBe(
          'BATCH_ID_CONFLICT',
        )
      })
    },
  },
  {
    group: 'conflicts',
    name: 'stores unusual text to the letter: a retry of it is its duplicate, whatever the lookup setting',
    run: async (fixture) => {
      const requests = UNUSUAL_TEXT.map((text, index) => {
        const id = randomUUID()
        return sampleRequest(id, {
          resource: `hdfs:///jobs/${text}.jar`,
          className: text,
          name: text,
          conf: { [KYUUBI_BATCH_ID_KEY]: id, [`key ${text}`]: text },
          args: [text, String(index)],
        })
      })
      // The first engine creates every batch; the others get each back as a duplicate, by either path.
      const settings = [true, false, 'adaptive'] as const
      for (const [round, lookupBeforeInsert] of settings.entries()) {
        await withEngine(fixture, { lookupBeforeInsert }, async (engine) => {
          for (const request of requests) {
            const answer = await engine.batches.submit(request, alice)
            const what = `${JSON.stringify(request.name)}, lookupBeforeInsert ${lookupBeforeInsert}`
            expect(isDuplicatedSubmission(answer), what).toBe(round > 0)
            expect(answer, what).toMatchObject({
              resource: request.resource,
              className: request.className,
              name: request.name,
              conf: request.conf,
              args: request.args,
            })
          }
        })
      }
      const stored = await fixture.rawBatches()
      expect(stored).toHaveLength(requests.length)
      for (const request of requests) {
        const id = request.conf?.[KYUUBI_BATCH_ID_KEY]
        expect(
          stored.find((row) => row.id === id),
          JSON.stringify(request.name),
        ).toMatchObject({
          resource: request.resource,
          className: request.className,
          name: request.name,
          conf: request.conf,
          args: request.args,
        })
      }
    },
  },
]
