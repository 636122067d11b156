import { KYUUBI_BATCH_ID_KEY, type BatchRequest, type Engine } from '@batchgate/core'
import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import { sampleRequest } from '../../harness/fixtures.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import type { RawBatchRow } from '../../harness/raw-batch-row.js'
import type { ConformanceCase } from '../conformance-case.js'
import { withEngine } from './engine-helpers.js'

type Case = ConformanceCase<StoreFixture>

/** What a hostile value answers: its first read, and every read after it. */
interface TwoFaced {
  readonly first: unknown
  readonly later: unknown
}

/** A value shaped to slip past a validation that reads it twice. */
interface HostileRequest {
  readonly what: string
  /** Builds the request afresh (each one counts its own reads). */
  readonly build: () => { request: unknown; reads: () => ReadonlyMap<PropertyKey, number> }
}

/** Counts reads per key, and answers `answers[key].first` on the first read, `.later` afterwards. */
function readCounter(answers: ReadonlyMap<PropertyKey, TwoFaced>) {
  const reads = new Map<PropertyKey, number>()
  const read = (key: PropertyKey, fallback: () => unknown): unknown => {
    const count = (reads.get(key) ?? 0) + 1
    reads.set(key, count)
    const answer = answers.get(key)
    if (answer === undefined) return fallback()
    return count === 1 ? answer.first : answer.later
  }
  return { read, reads: (): ReadonlyMap<PropertyKey, number> => reads }
}

/** An args array (a Proxy over a real one) whose elements change after their first read. */
function proxiedArgs(first: readonly string[], later: readonly unknown[]): HostileRequest['build'] {
  return () => {
    const answers = new Map<PropertyKey, TwoFaced>(
      first.map((arg, index) => [String(index), { first: arg, later: later[index] }]),
    )
    answers.set('length', { first: first.length, later: later.length })
    const counter = readCounter(answers)
    const args = new Proxy([...first], {
      get: (target, key, receiver) => counter.read(key, () => Reflect.get(target, key, receiver) as unknown),
    })
    return { request: { ...sampleRequest(randomUUID()), args }, reads: counter.reads }
  }
}

/** A request whose top-level properties are getters that change their answer after the first read. */
function getterRequest(answers: Readonly<Record<string, TwoFaced>>): HostileRequest['build'] {
  return () => {
    const counter = readCounter(new Map(Object.entries(answers)))
    const request: Record<string, unknown> = { ...sampleRequest(randomUUID()), args: ['ok'] }
    for (const key of Object.keys(answers)) {
      Object.defineProperty(request, key, {
        enumerable: true,
        get: () => counter.read(key, () => undefined),
      })
    }
    return { request, reads: counter.reads }
  }
}

/** An array subclass whose iterator disagrees with its indices. */
class IteratesOtherwise extends Array<unknown> {
  constructor(
    elements: readonly string[],
    private readonly iterated: readonly unknown[],
  ) {
    super()
    this.push(...elements)
  }
  override *[Symbol.iterator](): ArrayIterator<unknown> {
    yield* this.iterated
  }
  // Array methods that make new arrays (map, slice) must build plain arrays, not this class.
  static override get [Symbol.species](): ArrayConstructor {
    return Array
  }
}

const MANY = Array.from({ length: 5001 }, () => 'x')
const NOT_A_STRING = [{ length: 1 }]

const HOSTILE_REQUESTS: readonly HostileRequest[] = [
  { what: 'args whose element becomes an object', build: proxiedArgs(['ok'], NOT_A_STRING) },
  { what: 'args whose element becomes a lone surrogate', build: proxiedArgs(['ok'], ['\uD800']) },
  { what: 'args whose length grows past the limit', build: proxiedArgs(['ok'], MANY) },
  {
    what: 'args with getters on their indices',
    build: () => {
      const counter = readCounter(new Map([['0', { first: 'ok', later: NOT_A_STRING[0] }]]))
      const args: unknown[] = ['placeholder']
      Object.defineProperty(args, 0, { enumerable: true, get: () => counter.read('0', () => undefined) })
      return { request: { ...sampleRequest(randomUUID()), args }, reads: counter.reads }
    },
  },
  {
    what: 'an args subclass whose iterator yields other elements',
    build: () => ({
      request: { ...sampleRequest(randomUUID()), args: new IteratesOtherwise(['ok'], MANY) },
      reads: () => new Map(),
    }),
  },
  {
    what: 'an args subclass whose iterator yields a non-string',
    build: () => ({
      request: { ...sampleRequest(randomUUID()), args: new IteratesOtherwise(['ok'], NOT_A_STRING) },
      reads: () => new Map(),
    }),
  },
  {
    what: 'top-level fields that change after their first read',
    build: getterRequest({
      batchType: { first: 'SPARK', later: { length: 1 } },
      resource: { first: 'hdfs:///jobs/a.jar', later: '\uDC00' },
      className: { first: 'org.example.Main', later: 7 },
      name: { first: 'report', later: ['x'] },
      args: { first: ['ok'], later: MANY },
    }),
  },
  {
    what: 'conf values and a conf property that change after their first read',
    build: () => {
      const id = randomUUID()
      const valueReads = readCounter(new Map([['spark.x', { first: '1', later: 2 }]]))
      const conf: Record<string, unknown> = { [KYUUBI_BATCH_ID_KEY]: id }
      Object.defineProperty(conf, 'spark.x', {
        enumerable: true,
        get: () => valueReads.read('spark.x', () => undefined),
      })
      const request = getterRequest({ conf: { first: conf, later: { [KYUUBI_BATCH_ID_KEY]: 5 } } })()
      return {
        request: request.request,
        reads: () => new Map([...request.reads(), ...valueReads.reads()]),
      }
    },
  },
]

/** A stored row holds only what validation accepts: strings, well-formed, within the default limits. */
function expectStorable(row: RawBatchRow, what: string): void {
  const texts = [row.batchType, row.resource, row.className ?? '', row.name ?? '', ...row.args]
  for (const [key, value] of Object.entries(row.conf)) texts.push(key, value)
  for (const text of texts) {
    expect(typeof text, what).toBe('string')
    expect(text.isWellFormed(), what).toBe(true)
  }
  expect(row.args.length, what).toBeLessThanOrEqual(1000)
}

/** Every read path still works over whatever was stored. */
async function expectReadable(engine: Engine, rows: readonly RawBatchRow[]): Promise<void> {
  for (const row of rows) expect((await engine.batches.get(row.id, { user: row.owner }))?.id).toBe(row.id)
  const page = await engine.batches.list({ pageSize: 500 }, { user: 'alice' })
  expect(page.batches.map((batch) => batch.id).sort()).toEqual(rows.map((row) => row.id).sort())
}

export const requestSnapshotCases: readonly Case[] = [
  {
    group: 'validation',
    name: 'reads every field of a request once and stores exactly what it validated: hostile getters, Proxies and iterators cannot slip anything past',
    run: async (fixture) => {
      await withEngine(fixture, {}, async (engine) => {
        for (const { what, build } of HOSTILE_REQUESTS) {
          const { request, reads } = build()
          const outcome = await engine.batches.submit(request as BatchRequest, { user: 'alice' }).then(
            (batch) => ({ batch }),
            (error: unknown) => ({ error }),
          )
          if ('error' in outcome) {
            expect(outcome.error, what).toMatchObject({ name: 'BatchgateError', code: 'INVALID_REQUEST' })
          } else {
            // Accepted: then the answer is what the first reads gave, which validation saw.
            expect(outcome.batch.args, what).toEqual(['ok'])
          }
          for (const [key, count] of reads()) expect(count, `${what}: reads of ${String(key)}`).toBe(1)
        }
        await engine.launchesSettled()
        const rows = await fixture.rawBatches()
        for (const row of rows) expectStorable(row, row.id)
        await expectReadable(engine, rows)
      })
    },
  },
  {
    group: 'validation',
    name: 'stores the first answer of a request whose fields change after one read',
    run: async (fixture) => {
      const build = HOSTILE_REQUESTS.find((hostile) => hostile.what.startsWith('top-level'))?.build
      if (build === undefined) throw new Error('the top-level hostile request is missing')
      await withEngine(fixture, {}, async (engine) => {
        const batch = await engine.batches.submit(build().request as BatchRequest, { user: 'alice' })
        expect(batch).toMatchObject({
          batchType: 'SPARK',
          resource: 'hdfs:///jobs/a.jar',
          className: 'org.example.Main',
          name: 'report',
          args: ['ok'],
        })
      })
      const [row] = await fixture.rawBatches()
      expect(row).toMatchObject({ batchType: 'SPARK', resource: 'hdfs:///jobs/a.jar', args: ['ok'] })
    },
  },
]
