import { commandLauncher, type BatchLauncher } from '@batchgate/core'
import { randomUUID } from 'node:crypto'
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import { sampleRequest } from '../../harness/fixtures.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import { RecordingLauncher } from '../../harness/recording-launcher.js'
import { waitUntil } from '../../harness/wait-until.js'
import type { ConformanceCase } from '../conformance-case.js'
import { rejectionOf, withEngine, withEngines } from './engine-helpers.js'

type Case = ConformanceCase<StoreFixture>
const alice = { user: 'alice' }
const DAY = 24 * 60 * 60 * 1000

/** A launcher that logs `lines` lines (`line 0`, `line 1`, …) and resolves. */
function loggingLauncher(lines: number): BatchLauncher {
  return {
    launch(_batch, { log }) {
      for (let i = 0; i < lines; i++) log(`line ${i}`)
      return Promise.resolve()
    },
  }
}

/** A fresh directory for a case's log files, removed after `use`. */
async function withLogDirectory<T>(use: (directory: string) => Promise<T>): Promise<T> {
  const directory = await mkdtemp(join(tmpdir(), 'batchgate-logs-'))
  try {
    return await use(join(directory, 'logs'))
  } finally {
    await rm(directory, { recursive: true, force: true })
  }
}

/** Batch logs: what launchers write, kept on the instance that runs the batch and read in pages. */
export const logCases: readonly Case[] = [
  {
    group: 'logs',
    name: 'lines a launcher logs are read in pages by the owner and admins; others PERMISSION_DENIED, unknown ids BATCH_NOT_FOUND',
    run: async (fixture) => {
      const id = randomUUID()
      const options = { launchers: { SPARK: loggingLauncher(250) }, admins: ['root'] }
      await withEngine(fixture, options, async (engine) => {
        await engine.batches.submit(sampleRequest(id), alice)
        await engine.launchesSettled()
        const first = await engine.batches.log(id, {}, alice)
        expect(first).toEqual({
          lines: Array.from({ length: 100 }, (_, i) => `line ${i}`),
          from: 0,
          total: 250,
        })
        expect(await engine.batches.log(id.toUpperCase(), { from: 240, size: 50 }, { user: 'root' })).toEqual(
          {
            lines: Array.from({ length: 10 }, (_, i) => `line ${240 + i}`),
            from: 240,
            total: 250,
          },
        )
        expect(await engine.batches.log(id, { from: 300, size: 5 }, alice)).toEqual({
          lines: [],
          from: 300,
          total: 250,
        })
        expect((await rejectionOf(engine.batches.log(id, {}, { user: 'bob' }))).code).toBe(
          'PERMISSION_DENIED',
        )
        expect((await rejectionOf(engine.batches.log(randomUUID(), {}, alice))).code).toBe('BATCH_NOT_FOUND')
        for (const range of [{ from: -1 }, { size: 10_001 }, { size: 1.5 }, { from: '0' }]) {
          expect((await rejectionOf(engine.batches.log(id, range as never, alice))).code).toBe(
            'INVALID_REQUEST',
          )
        }
      })
    },
  },
  {
    group: 'logs',
    name: 'a read on another instance is BATCH_LOG_NOT_LOCAL naming the instance that keeps the log',
    run: async (fixture) => {
      const id = randomUUID()
      await withEngines(
        fixture,
        2,
        (i) => ({ instanceId: `log-instance-${i}`, launchers: { SPARK: loggingLauncher(3) } }),
        async ([runner, other]) => {
          if (runner === undefined || other === undefined) throw new Error('two engines')
          await runner.batches.submit(sampleRequest(id), alice)
          await runner.launchesSettled()
          expect((await runner.batches.log(id, {}, alice)).lines).toEqual(['line 0', 'line 1', 'line 2'])
          const error = await rejectionOf(other.batches.log(id, {}, alice))
          expect(error).toMatchObject({
            code: 'BATCH_LOG_NOT_LOCAL',
            message: `the log of batch ${id} is kept on instance log-instance-0, not on this instance log-instance-1`,
          })
          // Access is checked first: another user learns nothing about where the batch runs.
          expect((await rejectionOf(other.batches.log(id, {}, { user: 'bob' }))).code).toBe(
            'PERMISSION_DENIED',
          )
        },
      )
    },
  },
  {
    group: 'logs',
    name: 'with a shared directory (batchLogs.shared) every instance serves every log',
    run: async (fixture) => {
      await withLogDirectory(async (directory) => {
        const id = randomUUID()
        const batchLogs = { directory, shared: true }
        await withEngines(
          fixture,
          2,
          (i) => ({ instanceId: `shared-log-${i}`, launchers: { SPARK: loggingLauncher(3) }, batchLogs }),
          async ([runner, other]) => {
            if (runner === undefined || other === undefined) throw new Error('two engines')
            await runner.batches.submit(sampleRequest(id), alice)
            await runner.launchesSettled()
            expect(await other.batches.log(id, { from: 1 }, alice)).toEqual({
              lines: ['line 1', 'line 2'],
              from: 1,
              total: 3,
            })
            expect((await rejectionOf(other.batches.log(id, {}, { user: 'bob' }))).code).toBe(
              'PERMISSION_DENIED',
            )
          },
        )
      })
    },
  },
  {
    group: 'logs',
    name: 'a batch submitted again after its purge starts a new log, without the old lines',
    run: async (fixture, context) => {
      const deleteRow = fixture.rawDeleteBatch?.bind(fixture)
      if (deleteRow === undefined) {
        context?.skip('the fixture has no rawDeleteBatch')
        return
      }
      await withLogDirectory(async (directory) => {
        const id = randomUUID()
        const options = {
          launchers: { SPARK: loggingLauncher(2) },
          batchLogs: { directory },
        }
        await withEngine(fixture, options, async (engine) => {
          await engine.batches.submit(sampleRequest(id), alice)
          await engine.launchesSettled()
          // Purged by another party: this engine's sweep has not removed the log yet.
          await deleteRow(id)
          await engine.batches.submit(sampleRequest(id), alice)
          await engine.launchesSettled()
          expect(await engine.batches.log(id, {}, alice)).toEqual({
            lines: ['line 0', 'line 1'],
            from: 0,
            total: 2,
          })
        })
      })
    },
  },
  {
    group: 'logs',
    name: 'file logs are capped with a marker, owner-only, kept across a restart of the instance',
    run: async (fixture) => {
      await withLogDirectory(async (directory) => {
        const id = randomUUID()
        const batchLogs = { directory, maxLines: 50 }
        const options = { instanceId: 'log-files', launchers: { SPARK: loggingLauncher(1234) }, batchLogs }
        await withEngine(fixture, options, async (engine) => {
          await engine.batches.submit(sampleRequest(id), alice)
          await engine.launchesSettled()
        })
        const [file] = await readdir(directory)
        expect(file).toBe(`${id}.log`)
        if (process.platform !== 'win32') {
          expect((await stat(join(directory, `${id}.log`))).mode & 0o777).toBe(0o600)
          expect((await stat(directory)).mode & 0o777).toBe(0o700)
        }
        // Another engine of the same instance id (a restart) serves the same file.
        await withEngine(fixture, options, async (engine) => {
          expect(await engine.batches.log(id, { from: 0, size: 3 }, alice)).toEqual({
            lines: ['... 1184 earlier lines dropped ...', 'line 1184', 'line 1185'],
            from: 1183,
            total: 1234,
          })
          const tail = await engine.batches.log(id, { from: 1230 }, alice)
          expect(tail).toEqual({
            lines: ['line 1230', 'line 1231', 'line 1232', 'line 1233'],
            from: 1230,
            total: 1234,
          })
        })
      })
    },
  },
  {
    group: 'logs',
    name: 'the retention sweep removes the log files of purged batches and keeps the others',
    run: async (fixture) => {
      await withLogDirectory(async (directory) => {
        let now = 1_000_000
        const [expired, kept, running] = [randomUUID(), randomUUID(), randomUUID()]
        const holding = new RecordingLauncher('hold')
        const options = {
          clock: { now: () => now },
          launchers: { SPARK: loggingLauncher(2), HOLD: holding },
          batchLogs: { directory },
        }
        await withEngine(fixture, options, async (engine) => {
          await engine.batches.submit(sampleRequest(expired), alice)
          await engine.launchesSettled()
          now += 3 * DAY
          await engine.batches.submit(sampleRequest(kept), alice)
          await engine.batches.submit(sampleRequest(running, { batchType: 'HOLD' }), alice)
          await waitUntil(() => holding.launchesOf(running) === 1)
          holding.contextOf(running).log('still running')
          await waitUntil(async () => (await engine.batches.log(kept, {}, alice)).total === 2)
          expect((await readdir(directory)).sort()).toEqual(
            [expired, kept, running].map((id) => `${id}.log`).sort(),
          )
          now += 1
          expect(await engine.purgeExpiredBatches()).toBe(1)
          expect((await readdir(directory)).sort()).toEqual([kept, running].map((id) => `${id}.log`).sort())
          expect((await engine.batches.log(running, {}, alice)).lines).toEqual(['still running'])
          holding.finish(running)
        })
      })
    },
  },
  {
    group: 'logs',
    name: 'commandLauncher writes every stdout and stderr line of the command to the log, in order per stream',
    run: async (fixture) => {
      const id = randomUUID()
      const launcher = commandLauncher({
        command: process.execPath,
        args: (batch) => ['-e', batch.resource],
      })
      const script = `for (let i = 0; i < 3; i++) console.log('out ' + i); console.error('err 0'); process.stdout.write('no newline')`
      await withEngine(fixture, { launchers: { CMD: launcher } }, async (engine) => {
        await engine.batches.submit(
          sampleRequest(id, { batchType: 'CMD', resource: script, args: [] }),
          alice,
        )
        await engine.launchesSettled()
        const { lines, total } = await engine.batches.log(id, {}, alice)
        expect(total).toBe(5)
        expect(lines.filter((line) => line.startsWith('out') || line === 'no newline')).toEqual([
          'out 0',
          'out 1',
          'out 2',
          'no newline',
        ])
        expect(lines).toContain('err 0')
        expect((await engine.batches.get(id, alice))?.state).toBe('FINISHED')
      })
    },
  },
]
