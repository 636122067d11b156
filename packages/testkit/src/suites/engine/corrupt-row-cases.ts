import type { BatchLauncher, Engine } from '@batchgate/core'
import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import { sampleRecord, sampleRequest } from '../../harness/fixtures.js'
import type { CorruptibleColumn, StoreFixture } from '../../fixture/store-fixture.js'
import { RecordingLauncher } from '../../harness/recording-launcher.js'
import type { CaseContext, ConformanceCase } from '../conformance-case.js'
import { rejectionOf, withEngine } from './engine-helpers.js'

type Case = ConformanceCase<StoreFixture>
type Corrupt = (id: string, column: CorruptibleColumn, text: string) => Promise<void>

/** What each kind of damage leaves in a row, and a word its report must contain. */
const DAMAGE: readonly { column: CorruptibleColumn; text: string; reason: RegExp }[] = [
  { column: 'conf', text: '{"spark.executor.memory": "4g"', reason: /conf/ },
  { column: 'args', text: '{"not": "a list"}', reason: /args/ },
  { column: 'state', text: 'LOST', reason: /state/ },
]

/** The fixture's corruption hook; skips the case (saying why) when the fixture has none. */
function corruptionOf(fixture: StoreFixture, context: CaseContext | undefined): Corrupt {
  const hook = fixture.rawCorruptBatch?.bind(fixture)
  if (hook !== undefined) return hook
  const reason = 'the fixture has no rawCorruptBatch hook, so corrupt rows cannot be made'
  if (context !== undefined) context.skip(reason)
  throw new Error(reason)
}

/** The errors an engine hands to `onBackgroundError`, and the option that collects them. */
function backgroundErrors(): { errors: unknown[]; onBackgroundError: (error: unknown) => void } {
  const errors: unknown[] = []
  return { errors, onBackgroundError: (error) => errors.push(error) }
}

/** The reports of corrupt rows among `errors`, as `[id named in the message, message]`. */
function corruptReports(errors: readonly unknown[], ids: readonly string[]): string[][] {
  return errors
    .filter((error) => (error as { code?: unknown }).code === 'CORRUPT_BATCH_RECORD')
    .map((error) => {
      const { message } = error as Error
      return [ids.find((id) => message.includes(id)) ?? '(no id)', message]
    })
}

/** Every page of a listing, following `next`, as lists of ids. */
async function pagesOf(engine: Engine, user: string, pageSize: number): Promise<string[][]> {
  const pages: string[][] = []
  let next: string | undefined
  for (let page = 0; page < 20; page++) {
    const result = await engine.batches.list({ pageSize, ...(next === undefined ? {} : { next }) }, { user })
    pages.push(result.batches.map((batch) => batch.id))
    next = result.next
    if (next === undefined) return pages
  }
  throw new Error('the listing did not end within 20 pages')
}

export const corruptRowCases: readonly Case[] = [
  {
    group: 'listing',
    name: 'a row it cannot decode (broken conf JSON, args of the wrong shape, unknown state) is left out of list for its owner and admins, and reported by id and reason',
    run: async (fixture, context) => {
      const corrupt = corruptionOf(fixture, context)
      const { errors, onBackgroundError } = backgroundErrors()
      let now = 50_000
      const options = { admins: ['ops'], clock: { now: () => (now += 10) }, onBackgroundError }
      await withEngine(fixture, options, async (engine) => {
        const submitted = []
        for (let i = 0; i < 4; i++)
          submitted.push(await engine.batches.submit(sampleRequest(), { user: 'alice' }))
        const [healthy, ...damaged] = submitted.map((batch) => batch.id)
        for (const [i, damage] of DAMAGE.entries())
          await corrupt(damaged[i] ?? '', damage.column, damage.text)

        for (const user of ['alice', 'ops']) {
          const page = await engine.batches.list({}, { user })
          expect(page.batches.map((batch) => batch.id)).toEqual([healthy])
          expect(page.next).toBeUndefined()
        }
        const reports = corruptReports(errors, damaged)
        // Each list met each damaged row once: two listings, three rows.
        expect(reports.map(([id]) => id).sort()).toEqual([...damaged, ...damaged].sort())
        for (const [i, damage] of DAMAGE.entries()) {
          const about = reports.filter(([id]) => id === damaged[i]).map(([, message]) => message)
          for (const message of about) expect(message).toMatch(damage.reason)
        }
        // The filtered listing of the owner's unfinished batches skips them too.
        const pending = await engine.batches.list({ state: ['PENDING', 'RUNNING'] }, { user: 'alice' })
        expect(pending.batches.map((batch) => batch.id)).toEqual([healthy])
      })
    },
  },
  {
    group: 'listing',
    name: 'pages go on past rows it cannot decode: full pages, a next token beyond them, nothing lost or repeated',
    run: async (fixture, context) => {
      const corrupt = corruptionOf(fixture, context)
      const { errors, onBackgroundError } = backgroundErrors()
      let now = 70_000
      await withEngine(fixture, { clock: { now: () => (now += 10) }, onBackgroundError }, async (engine) => {
        const ids: string[] = []
        for (let i = 0; i < 7; i++)
          ids.push((await engine.batches.submit(sampleRequest(), { user: 'alice' })).id)
        const newestFirst = [...ids].reverse()
        // Two damaged rows in a row right after the first readable one, and the oldest row.
        const damaged = [newestFirst[1], newestFirst[2], newestFirst[6]].filter((id) => id !== undefined)
        for (const id of damaged) await corrupt(id, 'conf', 'not json')
        const readable = newestFirst.filter((id) => !damaged.includes(id))

        const pages = await pagesOf(engine, 'alice', 2)
        expect(pages).toEqual([readable.slice(0, 2), readable.slice(2, 4)])
        expect(await pagesOf(engine, 'alice', 1)).toEqual(readable.map((id) => [id]))
        expect(await pagesOf(engine, 'alice', 3)).toEqual([readable.slice(0, 3), readable.slice(3)])
        expect(corruptReports(errors, damaged).every(([id]) => damaged.includes(id ?? ''))).toBe(true)
      })
    },
  },
  {
    group: 'recovery',
    name: 'a restarted instance recovers its readable unfinished batches and reports the one it cannot decode, instead of failing to start',
    run: async (fixture, context) => {
      const corrupt = corruptionOf(fixture, context)
      const instanceId = `gw-corrupt-${randomUUID()}`
      const pending = sampleRecord({ createdBy: instanceId, state: 'PENDING', createTime: 1_000 })
      const damaged = sampleRecord({ createdBy: instanceId, state: 'PENDING', createTime: 2_000 })
      const running = sampleRecord({
        createdBy: instanceId,
        state: 'RUNNING',
        createTime: 3_000,
        startTime: 3_001,
      })
      const store = fixture.newStore()
      await store.open()
      for (const record of [pending, damaged, running]) await store.insertBatch(record)
      await store.close()
      await corrupt(damaged.id, 'args', '["--day", 20261120]')

      const { errors, onBackgroundError } = backgroundErrors()
      const launcher = new RecordingLauncher()
      const recovered: string[] = []
      const recovering: BatchLauncher = {
        launch: (batch, context) => launcher.launch(batch, context),
        recover: (batch) => {
          recovered.push(batch.id)
          return Promise.resolve()
        },
      }
      await withEngine(
        fixture,
        { instanceId, launchers: { SPARK: recovering }, onBackgroundError },
        async (engine) => {
          await engine.launchesSettled()
          expect(launcher.launched.map((batch) => batch.id)).toEqual([pending.id])
          expect(recovered).toEqual([running.id])
          const reports = corruptReports(errors, [damaged.id])
          expect(reports).toHaveLength(1)
          expect(reports[0]?.[0]).toBe(damaged.id)
          expect(reports[0]?.[1]).toMatch(/args/)
        },
      )
    },
  },
  {
    group: 'cancel',
    name: 'get and cancel of a row it cannot decode fail loudly with METASTORE_UNAVAILABLE naming the batch',
    run: async (fixture, context) => {
      const corrupt = corruptionOf(fixture, context)
      await withEngine(fixture, { admins: ['ops'] }, async (engine) => {
        for (const damage of DAMAGE) {
          const { id } = await engine.batches.submit(sampleRequest(), { user: 'alice' })
          await corrupt(id, damage.column, damage.text)
          for (const user of ['alice', 'ops']) {
            for (const call of [engine.batches.get(id, { user }), engine.batches.cancel(id, { user })]) {
              const error = await rejectionOf(call)
              expect(error.code).toBe('METASTORE_UNAVAILABLE')
              expect(error.message).toContain(id)
              expect(error.message).toMatch(damage.reason)
            }
          }
        }
      })
    },
  },
  {
    group: 'retention',
    name: 'the retention purge deletes an expired batch whose row it cannot decode',
    run: async (fixture, context) => {
      const corrupt = corruptionOf(fixture, context)
      const expired = sampleRecord({ state: 'FINISHED', startTime: 1, endTime: 2 })
      const store = fixture.newStore()
      await store.open()
      await store.insertBatch(expired)
      await store.close()
      await corrupt(expired.id, 'conf', '')
      await withEngine(fixture, { retention: { maxAgeMs: 1_000 } }, async (engine) => {
        expect(await engine.purgeExpiredBatches()).toBe(1)
        expect(await engine.batches.get(expired.id, { user: 'alice' })).toBeUndefined()
      })
      expect(await fixture.rawBatches()).toEqual([])
    },
  },
]
