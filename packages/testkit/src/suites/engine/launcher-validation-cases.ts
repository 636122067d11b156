import { BatchgateError, ErrorCode, KYUUBI_BATCH_ID_KEY, type BatchLauncher } from '@batchgate/core'
import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import { sampleRequest } from '../../harness/fixtures.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import { RecordingLauncher } from '../../harness/recording-launcher.js'
import type { ConformanceCase } from '../conformance-case.js'
import { rejectionOf, withEngine } from './engine-helpers.js'

type Case = ConformanceCase<StoreFixture>
const alice = { user: 'alice' }

/** A launcher whose `validate` refuses resources starting with `-` (or everything, once `refuseAll`). */
function refusingLauncher(): {
  launcher: BatchLauncher & { refuseAll: boolean }
  seen: unknown[]
  launched: RecordingLauncher
} {
  const launched = new RecordingLauncher()
  const seen: unknown[] = []
  const launcher = {
    refuseAll: false,
    validate(request: { resource: string }) {
      seen.push(request)
      if (this.refuseAll) throw new Error('this gateway takes no more jobs')
      if (request.resource.startsWith('-'))
        throw new Error(`resource ${request.resource} looks like an option`)
    },
    launch: launched.launch.bind(launched),
  }
  return { launcher, seen, launched }
}

export const launcherValidationCases: readonly Case[] = [
  {
    group: 'validation',
    name: "a launcher's validate refusing a request: INVALID_REQUEST with its message and cause; nothing stored or launched",
    run: async (fixture) => {
      const { launcher, seen, launched } = refusingLauncher()
      const asyncRefusal = new Error('quota exceeded')
      const ownError = new BatchgateError(ErrorCode.INVALID_REQUEST, 'name is reserved')
      const launchers = {
        SPARK: launcher,
        ASYNC: { validate: () => Promise.reject(asyncRefusal), launch: () => Promise.resolve() },
        OWN: { validate: () => Promise.reject(ownError), launch: () => Promise.resolve() },
      }
      await withEngine(fixture, { launchers }, async (engine) => {
        const id = randomUUID().toUpperCase()
        const error = await rejectionOf(
          engine.batches.submit(sampleRequest(id, { resource: '-e', args: ['process.exit(7)'] }), alice),
        )
        expect(error).toMatchObject({ code: 'INVALID_REQUEST', message: 'resource -e looks like an option' })
        expect((error.cause as Error).message).toBe('resource -e looks like an option')
        // It saw the request as it would be stored: canonical id, the user, optional fields filled in.
        expect(seen).toEqual([
          {
            user: 'alice',
            batchType: 'SPARK',
            resource: '-e',
            className: 'org.example.Report',
            name: 'daily-report',
            conf: { [KYUUBI_BATCH_ID_KEY]: id.toLowerCase(), 'spark.executor.memory': '4g' },
            args: ['process.exit(7)'],
          },
        ])
        const asyncError = await rejectionOf(
          engine.batches.submit(sampleRequest(randomUUID(), { batchType: 'ASYNC' }), alice),
        )
        expect(asyncError).toMatchObject({
          code: 'INVALID_REQUEST',
          message: 'quota exceeded',
          cause: asyncRefusal,
        })
        expect(
          await rejectionOf(engine.batches.submit(sampleRequest(randomUUID(), { batchType: 'OWN' }), alice)),
        ).toBe(ownError)
        await engine.launchesSettled()
      })
      expect(launched.launched).toEqual([])
      expect(await fixture.rawBatches()).toEqual([])
    },
  },
  {
    group: 'validation',
    name: 'validate runs before the duplicate lookup: a stored id submitted again is refused once the launcher refuses it, on both lookup paths',
    run: async (fixture) => {
      const { launcher, launched } = refusingLauncher()
      const id = randomUUID()
      await withEngine(fixture, { launchers: { SPARK: launcher } }, async (engine) => {
        await engine.batches.submit(sampleRequest(id), alice)
        await engine.launchesSettled()
      })
      launcher.refuseAll = true
      for (const lookupBeforeInsert of [true, false]) {
        await withEngine(fixture, { launchers: { SPARK: launcher }, lookupBeforeInsert }, async (engine) => {
          const error = await rejectionOf(engine.batches.submit(sampleRequest(id), alice))
          expect(error).toMatchObject({ code: 'INVALID_REQUEST', message: 'this gateway takes no more jobs' })
        })
      }
      expect(launched.launched.map((batch) => batch.id)).toEqual([id])
      expect((await fixture.rawBatches()).map((row) => row.id)).toEqual([id])
    },
  },
]
