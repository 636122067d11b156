import { BatchState, isDuplicatedSubmission, type LaunchContext } from '@batchgate/core'
import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import { sampleRecord, sampleRequest } from '../../harness/fixtures.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import { RecordingLauncher } from '../../harness/recording-launcher.js'
import { waitUntil } from '../../harness/wait-until.js'
import type { ConformanceCase } from '../conformance-case.js'
import { rejectionOf, withEngine } from './engine-helpers.js'
import { leftBehind } from './left-behind.js'

type Case = ConformanceCase<StoreFixture>
const alice = { user: 'alice' }

const REPORT = {
  appId: 'application_1700000000000_0042',
  appUrl: 'http://rm:8088/proxy/application_1700000000000_0042/',
  appState: 'RUNNING',
  appStartTime: 1_763_700_000_500,
} as const

/** Application info: what a launcher reports through its context, stored and returned with the batch. */
export const applicationCases: readonly Case[] = [
  {
    group: 'application',
    name: "a launcher's report while RUNNING is returned by get, list and a duplicate answer; a later one merges",
    run: async (fixture) => {
      const launcher = new RecordingLauncher('hold')
      const id = randomUUID()
      await withEngine(fixture, { launchers: { SPARK: launcher } }, async (engine) => {
        const created = await engine.batches.submit(sampleRequest(id), alice)
        expect(created).toMatchObject({ appId: undefined, appStartTime: undefined })
        await waitUntil(() => launcher.launchesOf(id) === 1)
        const context = launcher.contextOf(id)
        expect(await context.reportApplication(REPORT)).toBe(true)
        expect(await context.reportApplication({ appDiagnostic: 'queue: default' })).toBe(true)
        const reported = { ...REPORT, appDiagnostic: 'queue: default' }
        expect(await engine.batches.get(id, alice)).toMatchObject({ state: 'RUNNING', ...reported })
        expect((await engine.batches.list({}, alice)).batches).toMatchObject([{ id, ...reported }])
        const duplicate = await engine.batches.submit(sampleRequest(id), alice)
        expect(isDuplicatedSubmission(duplicate)).toBe(true)
        expect(duplicate).toMatchObject(reported)
        launcher.finish(id)
        await engine.launchesSettled()
        // Late: the batch is FINISHED, so the report stores nothing.
        expect(await context.reportApplication({ appState: 'LOST' })).toBe(false)
        expect(await engine.batches.get(id, alice)).toMatchObject({ state: 'FINISHED', ...reported })
      })
      expect(await fixture.rawBatches()).toMatchObject([
        { id, state: 'FINISHED', ...REPORT, appDiagnostic: 'queue: default' },
      ])
    },
  },
  {
    group: 'application',
    name: 'a report after the batch was cancelled or failed resolves false and changes nothing',
    run: async (fixture) => {
      const launcher = new RecordingLauncher('hold')
      const [canceled, failed] = [randomUUID(), randomUUID()]
      await withEngine(fixture, { launchers: { SPARK: launcher } }, async (engine) => {
        await engine.batches.submit(sampleRequest(canceled), alice)
        await engine.batches.submit(sampleRequest(failed), alice)
        await waitUntil(() => launcher.launchesOf(canceled) === 1 && launcher.launchesOf(failed) === 1)
        await engine.batches.cancel(canceled, alice)
        const failedContext = launcher.contextOf(failed)
        launcher.fail(failed, new Error('exit 1'))
        await waitUntil(async () => (await engine.batches.get(failed, alice))?.state === BatchState.ERROR)
        expect(await launcher.contextOf(canceled).reportApplication(REPORT)).toBe(false)
        expect(await failedContext.reportApplication(REPORT)).toBe(false)
        launcher.finish(canceled)
      })
      const rows = await fixture.rawBatches()
      expect(rows).toHaveLength(2)
      for (const row of rows) expect(row).toMatchObject({ appId: null, appState: null, appStartTime: null })
    },
  },
  {
    group: 'application',
    name: "a recovered launch reports and logs through its context too (the batch's earlier report kept)",
    run: async (fixture) => {
      const instanceId = 'app-recovery'
      const running = sampleRecord({
        state: 'RUNNING',
        startTime: 5,
        createdBy: instanceId,
        appId: 'application_1_0001',
        appState: 'RUNNING',
      })
      await leftBehind(fixture, running)
      const recovering = {
        launch: () => Promise.resolve(),
        async recover(_batch: unknown, { reportApplication, log }: LaunchContext) {
          log('re-attached')
          expect(await reportApplication({ appState: 'FINISHED', appStartTime: 4 })).toBe(true)
        },
      }
      await withEngine(fixture, { instanceId, launchers: { SPARK: recovering } }, async (engine) => {
        await engine.launchesSettled()
        expect(await engine.batches.get(running.id, alice)).toMatchObject({
          state: 'FINISHED',
          appId: 'application_1_0001',
          appState: 'FINISHED',
          appStartTime: 4,
        })
        expect((await engine.batches.log(running.id, {}, alice)).lines).toEqual(['re-attached'])
      })
    },
  },
  {
    group: 'application',
    name: 'an invalid report rejects with INVALID_REQUEST naming the field and stores nothing; a long diagnostic is cut',
    run: async (fixture) => {
      const launcher = new RecordingLauncher('hold')
      const id = randomUUID()
      await withEngine(fixture, { launchers: { SPARK: launcher } }, async (engine) => {
        await engine.batches.submit(sampleRequest(id), alice)
        await waitUntil(() => launcher.launchesOf(id) === 1)
        const { reportApplication } = launcher.contextOf(id)
        const invalid: [unknown, string][] = [
          [{ appId: 'x'.repeat(257) }, 'appId'],
          [{ appUrl: 'u'.repeat(2049) }, 'appUrl'],
          [{ appState: '' }, 'appState'],
          [{ appId: 'a\u0000b' }, 'appId'],
          [{ appStartTime: -1 }, 'appStartTime'],
          [{ appStartTime: 1.5 }, 'appStartTime'],
          [{ appURL: 'http://x' }, 'appURL'],
          [null, 'application info'],
        ]
        for (const [info, field] of invalid) {
          const error = await rejectionOf(reportApplication(info as never))
          expect(error).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining(field) })
        }
        expect(await engine.batches.get(id, alice)).toMatchObject({ appId: undefined, appState: undefined })
        expect(await reportApplication({ appDiagnostic: 'd'.repeat(9000) })).toBe(true)
        expect((await engine.batches.get(id, alice))?.appDiagnostic).toBe(`${'d'.repeat(8192)}…`)
        launcher.finish(id)
      })
    },
  },
]
