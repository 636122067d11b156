import type { BatchListFilter, BatchRequest, Engine, RequestContext } from '@batchgate/core'
import { KYUUBI_BATCH_ID_KEY } from '@batchgate/core'
import { expect } from 'vitest'
import { sampleRequest } from '../../harness/fixtures.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import type { ConformanceCase } from '../conformance-case.js'
import { withEngine } from './engine-helpers.js'

type Case = ConformanceCase<StoreFixture>

const alice: RequestContext = { user: 'alice' }

/** An object that refers to itself. */
function cyclic(): unknown {
  const value: Record<string, unknown> = { id: 'x' }
  value.self = value
  return value
}

/** `{ a: { a: … } }`, deeper than JSON.stringify's stack allows. */
function deeplyNested(depth: number): unknown {
  let value: unknown = 'bottom'
  for (let i = 0; i < depth; i++) value = { a: value }
  return value
}

/** A Proxy that throws on every trap, so merely looking at it fails. */
const booby = new Proxy(
  {},
  Object.fromEntries(
    [
      'get',
      'has',
      'ownKeys',
      'getOwnPropertyDescriptor',
      'getPrototypeOf',
      'defineProperty',
      'set',
      'deleteProperty',
      'isExtensible',
      'preventExtensions',
      'setPrototypeOf',
      'apply',
      'construct',
    ].map((trap) => [
      trap,
      () => {
        throw new Error(`trap ${trap}`)
      },
    ]),
  ),
)

const throwingToString = {
  toString(): string {
    throw new Error('toString')
  },
  get boom(): string {
    throw new Error('getter')
  },
}

/** Untrusted values a host may pass straight from its wire, where a string batch id belongs. */
const HOSTILE_IDS: readonly [string, unknown][] = [
  ['a BigInt', 10n],
  ['a Symbol', Symbol('id')],
  ['a cyclic object', cyclic()],
  ['a 5,000-deep object', deeplyNested(5000)],
  ['a Proxy that throws on every trap', booby],
  ['an object whose toString and getter throw', throwingToString],
  ['a null-prototype object', Object.create(null) as unknown],
  ['a function', () => 'id'],
]

/** The message stays short (bounded preview) whatever the value. */
const BOUNDED_MESSAGE = 400

/** The rejection of a call, whether it throws or returns a rejected promise. */
async function refusalOf(call: () => Promise<unknown>): Promise<unknown> {
  try {
    const value = await call()
    return new Error(`expected a rejection, got a value of type ${typeof value}`)
  } catch (error) {
    return error
  }
}

function expectRefused(error: unknown, code: string, what: string): void {
  expect(error, what).toMatchObject({ name: 'BatchgateError', code })
  expect((error as Error).message.length, what).toBeLessThan(BOUNDED_MESSAGE)
}

async function listWith(engine: Engine, filter: unknown): Promise<unknown> {
  return refusalOf(() => engine.batches.list(filter as BatchListFilter, alice))
}

export const untrustedValueCases: readonly Case[] = [
  {
    group: 'validation',
    name: 'get, cancel and submit refuse a BigInt, Symbol, cyclic, deep or booby-trapped id with INVALID_BATCH_ID and a short message',
    run: async (fixture) => {
      await withEngine(fixture, {}, async (engine) => {
        for (const [what, id] of HOSTILE_IDS) {
          const asId = id as string
          expectRefused(
            await refusalOf(() => engine.batches.get(asId, alice)),
            'INVALID_BATCH_ID',
            `get ${what}`,
          )
          expectRefused(
            await refusalOf(() => engine.batches.cancel(asId, alice)),
            'INVALID_BATCH_ID',
            `cancel ${what}`,
          )
          const request = sampleRequest(undefined, { conf: { [KYUUBI_BATCH_ID_KEY]: asId } })
          expectRefused(
            await refusalOf(() => engine.batches.submit(request, alice)),
            'INVALID_BATCH_ID',
            `submit ${what}`,
          )
        }
      })
      expect(await fixture.rawBatches()).toEqual([])
    },
  },
  {
    group: 'validation',
    name: 'submit refuses booby-trapped requests, fields and contexts with INVALID_REQUEST; stores nothing',
    run: async (fixture) => {
      const valid = sampleRequest()
      const requests: [string, unknown][] = [
        ['a Proxy request', booby],
        ['a Proxy as conf', { ...valid, conf: booby }],
        [
          'a Proxy as args',
          {
            ...valid,
            args: new Proxy([], {
              get: () => {
                throw new Error('get')
              },
            }),
          },
        ],
        [
          'a throwing getter as batchType',
          Object.defineProperty({ ...valid }, 'batchType', {
            get: () => {
              throw new Error('get')
            },
          }),
        ],
        ['a BigInt batchType', { ...valid, batchType: 5n }],
        ['a Symbol resource', { ...valid, resource: Symbol('r') }],
        ['a cyclic object as name', { ...valid, name: cyclic() }],
      ]
      await withEngine(fixture, {}, async (engine) => {
        for (const [what, request] of requests) {
          expectRefused(
            await refusalOf(() => engine.batches.submit(request as BatchRequest, alice)),
            'INVALID_REQUEST',
            what,
          )
        }
        for (const [what, context] of [
          ['a Proxy context', booby],
          ['a BigInt user', { user: 5n }],
          [
            'a throwing user getter',
            Object.defineProperty({}, 'user', {
              get: () => {
                throw new Error('get')
              },
            }),
          ],
        ] as const) {
          const ctx = context as RequestContext
          for (const [operation, call] of [
            ['submit', () => engine.batches.submit(valid, ctx)],
            ['list', () => engine.batches.list({}, ctx)],
            ['get', () => engine.batches.get(valid.conf?.[KYUUBI_BATCH_ID_KEY] ?? '', ctx)],
          ] as const) {
            expectRefused(await refusalOf(call), 'INVALID_REQUEST', `${operation} with ${what}`)
          }
        }
      })
      expect(await fixture.rawBatches()).toEqual([])
    },
  },
  {
    group: 'listing',
    name: 'list takes undefined as no filter and refuses null, a string, a booby-trapped filter or a pageSize that cannot be printed with INVALID_REQUEST',
    run: async (fixture) => {
      await withEngine(fixture, {}, async (engine) => {
        await engine.batches.submit(sampleRequest(), alice)
        expect((await engine.batches.list(undefined, alice)).batches).toHaveLength(1)
        const filters: [string, unknown][] = [
          ['null', null],
          ['a string', 'x'],
          ['a number', 7],
          ['an array', []],
          ['a Proxy', booby],
          ['a pageSize without a prototype', { pageSize: Object.create(null) as unknown }],
          ['a BigInt pageSize', { pageSize: 5n }],
          ['a Symbol pageSize', { pageSize: Symbol('5') }],
          ['a cyclic pageSize', { pageSize: cyclic() }],
          ['a null pageSize', { pageSize: null }],
          ['a Symbol owner', { owner: Symbol('alice') }],
          ['a BigInt createdFrom', { createdFrom: 5n }],
          ['a Symbol state', { state: Symbol('RUNNING') }],
          [
            'a throwing state getter',
            Object.defineProperty({}, 'state', {
              get: () => {
                throw new Error('get')
              },
            }),
          ],
        ]
        for (const [what, filter] of filters) {
          expectRefused(await listWith(engine, filter), 'INVALID_REQUEST', `list with ${what}`)
        }
      })
    },
  },
]
