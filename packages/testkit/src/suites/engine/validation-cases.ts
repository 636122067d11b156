import { createEngine, KYUUBI_BATCH_ID_KEY, type BatchRequest, type RequestContext } from '@batchgate/core'
import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import { sampleRequest } from '../../harness/fixtures.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import type { ConformanceCase } from '../conformance-case.js'
import { rejectionOf, withEngine } from './engine-helpers.js'

type Case = ConformanceCase<StoreFixture>
const alice = { user: 'alice' }
const valid = sampleRequest('6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69')

/** A request TypeScript would refuse, as an untyped JSON client could send it. */
function untyped(changes: Record<string, unknown>): BatchRequest {
  const request: unknown = { ...valid, ...changes }
  return request as BatchRequest
}
const withId = (id: unknown): BatchRequest => untyped({ conf: { [KYUUBI_BATCH_ID_KEY]: id } })
/** What `call` returns; a call that throws instead of returning a rejected promise fails the case. */
function promiseOf(call: () => Promise<unknown>, what: string): Promise<unknown> {
  try {
    return call()
  } catch (error) {
    throw new Error(`${what} threw synchronously instead of returning a rejected promise`, { cause: error })
  }
}
const manyEntries = (count: number): Record<string, string> =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, 'v']))

const BAD_IDS: readonly string[] = [
  'abc',
  '',
  '{6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69}',
  '6c7e3a4e1f0b4c529a572f1d3c4b5a69',
  'urn:uuid:6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69',
  ' 6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69',
  '6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a6g',
]

/** A request the engine must refuse: the exact code, and text its message must contain. */
interface BadRequest {
  readonly what: string
  readonly request: unknown
  readonly code: 'INVALID_REQUEST' | 'INVALID_BATCH_ID'
  readonly message: string
}
const badRequest = (what: string, request: unknown, message: string): BadRequest => ({
  what,
  request,
  code: 'INVALID_REQUEST',
  message,
})
const badId = (what: string, id: unknown, shown: string): BadRequest => ({
  what,
  request: withId(id),
  code: 'INVALID_BATCH_ID',
  message: `kyuubi.batch.id=${shown} must be a UUID`,
})

const BAD_REQUESTS: readonly BadRequest[] = [
  badRequest('a request that is not an object', null, 'must be an object'),
  badRequest('an array as request', [], 'must be an object'),
  badRequest(
    'a missing batchType',
    untyped({ batchType: undefined }),
    'batchType must be a non-empty string',
  ),
  badRequest('a blank batchType', untyped({ batchType: '  ' }), 'batchType must be a non-empty string'),
  badRequest('a numeric batchType', untyped({ batchType: 7 }), 'batchType must be a non-empty string'),
  badRequest('a missing resource', untyped({ resource: undefined }), 'resource must be a non-empty string'),
  badRequest('a non-string className', untyped({ className: 42 }), 'className must be a string'),
  badRequest('a non-string name', untyped({ name: { x: 1 } }), 'name must be a string'),
  badRequest('conf as an array', untyped({ conf: ['a'] }), 'conf must be an object'),
  badRequest(
    'a non-string conf value',
    untyped({ conf: { 'spark.cores': 4 } }),
    "conf['spark.cores'] must be a string",
  ),
  badId('a numeric id', 42, '42'),
  badId('a null id', null, 'null'),
  badId('a boolean id', true, 'true'),
  badId(
    'an array as id',
    ['6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69'],
    '["6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69"]',
  ),
  badRequest('args as a string', untyped({ args: '--day 1' }), 'args must be an array'),
  badRequest('a non-string arg', untyped({ args: ['--n', 3] }), 'args[1] must be a string'),
  // eslint-disable-next-line no-sparse-arrays
  badRequest('a sparse args array', untyped({ args: ['a', , 'c'] }), 'args[1] must be a string'),
  badRequest('too many conf entries', untyped({ conf: manyEntries(1001) }), 'more than the limit of 1000'),
  badRequest(
    'too many args',
    untyped({ args: Array.from({ length: 1001 }, () => 'x') }),
    'more than the limit of 1000',
  ),
  badRequest('too many bytes', untyped({ args: ['é'.repeat(3000)] }), 'more than the limit of 4096'),
  // A lone surrogate cannot be stored (drivers write U+FFFD), so the row would not be what was asked.
  ...(
    [
      ['batchType', { batchType: 'SP\uD800ARK' }],
      ['resource', { resource: 'hdfs:///jobs/a\uD800.jar' }],
      ['className', { className: 'org.\uDC00Main' }],
      ['name', { name: 'report \uDBFF' }],
      ["conf['k']", { conf: { k: 'v\uD800' } }],
      ['a conf key ("k\\udc00")', { conf: { 'k\uDC00': 'v' } }],
      ['args[1]', { args: ['ok', '\uD83D'] }],
    ] as const
  ).map(([field, change]) =>
    badRequest(`a lone surrogate in ${field}`, untyped(change), `${field} holds a lone UTF-16 surrogate`),
  ),
]

/** Contexts without a usable user: every operation must refuse them, not serve them unfiltered. */
const UNAUTHENTICATED: readonly [string, unknown][] = [
  ['no context', undefined],
  ['no user', {}],
  ['an empty user', { user: '' }],
  ['a non-string user', { user: 7 }],
]

const BAD_CONTEXTS: readonly [string, unknown][] = [
  ...UNAUTHENTICATED,
  ['a user longer than 255 characters', { user: 'ü'.repeat(256) }],
  ['a user with a lone surrogate', { user: 'al\uD800ice' }],
]

export const validationCases: readonly Case[] = [
  {
    group: 'validation',
    name: 'rejects every id that is not a UUID with INVALID_BATCH_ID naming the key and the value; stores nothing',
    run: async (fixture) => {
      await withEngine(fixture, {}, async (engine) => {
        for (const id of BAD_IDS) {
          const error = await rejectionOf(engine.batches.submit(withId(id), { user: 'alice' }))
          expect(error, JSON.stringify(id)).toMatchObject({
            name: 'BatchgateError',
            code: 'INVALID_BATCH_ID',
          })
          expect(error.message).toContain(`kyuubi.batch.id=${id} must be a UUID`)
        }
      })
      expect(await fixture.rawBatches()).toEqual([])
    },
  },
  {
    group: 'validation',
    name: 'rejects missing, mistyped and oversized fields with a message naming the field; stores nothing',
    run: async (fixture) => {
      await withEngine(fixture, { limits: { maxRequestBytes: 4096 } }, async (engine) => {
        for (const { what, request, code, message } of BAD_REQUESTS) {
          const error = await rejectionOf(engine.batches.submit(request as BatchRequest, { user: 'alice' }))
          expect(error, what).toMatchObject({ name: 'BatchgateError', code })
          expect(error.message, what).toContain(message)
        }
      })
      expect(await fixture.rawBatches()).toEqual([])
    },
  },
  {
    group: 'validation',
    name: 'rejects a missing or bad user with INVALID_REQUEST; stores nothing',
    run: async (fixture) => {
      await withEngine(fixture, {}, async (engine) => {
        for (const [what, context] of BAD_CONTEXTS) {
          const error = await rejectionOf(engine.batches.submit(valid, context as RequestContext))
          expect(error, what).toMatchObject({
            code: 'INVALID_REQUEST',
            message: expect.stringContaining('user'),
          })
        }
      })
      expect(await fixture.rawBatches()).toEqual([])
    },
  },
  {
    group: 'validation',
    name: 'get, list and cancel reject a missing or bad user with INVALID_REQUEST; list shows no rows, cancel changes nothing',
    run: async (fixture) => {
      const id = randomUUID()
      await withEngine(fixture, {}, async (engine) => {
        await engine.batches.submit(sampleRequest(id), { user: 'alice' })
        await engine.launchesSettled()
        const before = await fixture.rawBatches()
        for (const [what, context] of UNAUTHENTICATED) {
          const ctx = context as RequestContext
          const calls: [string, () => Promise<unknown>][] = [
            ['get', () => engine.batches.get(id, ctx)],
            // rejectionOf fails on any answer, so a list that returns rows (anyone's) fails here.
            ['list', () => engine.batches.list({}, ctx)],
            ['cancel', () => engine.batches.cancel(id, ctx)],
          ]
          for (const [operation, call] of calls) {
            const error = await rejectionOf(promiseOf(call, `${operation} with ${what}`))
            expect(error, `${operation} with ${what}`).toMatchObject({
              name: 'BatchgateError',
              code: 'INVALID_REQUEST',
              message: expect.stringContaining('user'),
            })
          }
        }
        expect(await fixture.rawBatches()).toEqual(before)
      })
    },
  },
  {
    group: 'validation',
    name: 'keeps a __proto__ conf key as plain data',
    run: async (fixture) => {
      const conf = JSON.parse(`{"__proto__": "x", "${KYUUBI_BATCH_ID_KEY}": "${randomUUID()}"}`) as Record<
        string,
        string
      >
      await withEngine(fixture, {}, async (engine) => {
        const batch = await engine.batches.submit(untyped({ conf }), { user: 'alice' })
        expect(Object.getPrototypeOf(batch.conf)).toBe(Object.prototype)
        expect(Object.keys(batch.conf)).toContain('__proto__')
      })
      expect(Object.keys((await fixture.rawBatches())[0]?.conf ?? {})).toContain('__proto__')
    },
  },
  {
    group: 'validation',
    name: 'rejects users and batch types with white space around them (stores disagree on trailing spaces)',
    run: async (fixture) => {
      await withEngine(fixture, {}, async (engine) => {
        for (const user of ['alice ', ' alice', 'alice\t']) {
          expect(
            (await rejectionOf(engine.batches.submit(sampleRequest(), { user }))).code,
            JSON.stringify(user),
          ).toBe('INVALID_REQUEST')
          expect((await rejectionOf(engine.batches.list({}, { user }))).code).toBe('INVALID_REQUEST')
        }
        const spaced = sampleRequest(undefined, { batchType: 'SPARK ' })
        expect((await rejectionOf(engine.batches.submit(spaced, alice))).code).toBe('INVALID_REQUEST')
      })
      expect(await fixture.rawBatches()).toEqual([])
      await expect(createEngine({ store: fixture.newStore(), instanceId: 'gw-1 ' })).rejects.toMatchObject({
        code: 'INVALID_OPTIONS',
      })
    },
  },
]
