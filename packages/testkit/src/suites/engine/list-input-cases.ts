import type { BatchListFilter, IdSource, RequestContext } from '@batchgate/core'
import { expect } from 'vitest'
import { sampleRequest } from '../../harness/fixtures.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import type { ConformanceCase } from '../conformance-case.js'
import { rejectionOf, withEngine } from './engine-helpers.js'

type Case = ConformanceCase<StoreFixture>

const root: RequestContext = { user: 'root' }
const VALID_ID = '6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69'

/** A `next` token as a forger would make one: any JSON, encoded the way list encodes its tokens. */
const forged = (content: unknown): string => Buffer.from(JSON.stringify(content)).toString('base64url')

/** `next` values that no list call ever returned; each must be INVALID_REQUEST on every store. */
const FORGED_TOKENS: readonly [string, string][] = [
  ['a non-ASCII id', forged([1_000, 'ü'.repeat(36)])],
  ['an id in another script', forged([1_000, '批次'])],
  ['a lone surrogate in the id', forged([1_000, '\uD800'])],
  ['an id longer than any id column', forged([1_000, `${VALID_ID}-${'a'.repeat(1000)}`])],
  ['a 20 MB id', forged([1_000, 'a'.repeat(20 * 1024 * 1024)])],
  ['an empty id', forged([1_000, ''])],
  ['an id with a control character', forged([1_000, 'ab\u0000cd'])],
  ['a negative time', forged([-1, VALID_ID])],
  ['a fractional time', forged([1.5, VALID_ID])],
  ['a time beyond safe integers', forged([2 ** 60, VALID_ID])],
  ['a time as a string', forged(['1000', VALID_ID])],
  ['an object instead of a pair', forged({ createTime: 1_000, id: VALID_ID })],
  ['a third element (another version)', forged([1_000, VALID_ID, 2])],
  ['a version prefix', `v2.${forged([1_000, VALID_ID])}`],
  ['one element', forged([1_000])],
  ['not base64url', '!!!not a token!!!'],
  ['base64url of no JSON', Buffer.from('not json').toString('base64url')],
  ['an empty token', ''],
  ['padding and white space', ` ${forged([1_000, VALID_ID])}== `],
]

/** A filter as an untyped client may send it. */
const badFilter = (what: string, filter: Record<string, unknown>): [string, unknown] => [what, filter]

const BAD_FILTERS: readonly [string, unknown][] = [
  badFilter('a 20 MB batchType', { batchType: 'S'.repeat(20 * 1024 * 1024) }),
  badFilter('a batchType over the request size limit', { batchType: 'S'.repeat(4097) }),
  badFilter('a batchType with a lone surrogate', { batchType: 'SP\uD800ARK' }),
  badFilter('a non-ASCII batchType with a lone surrogate', { batchType: 'ü\uDC00' }),
  badFilter('an owner over 255 characters', { owner: 'ü'.repeat(256) }),
  badFilter('a 20 MB owner', { owner: 'a'.repeat(20 * 1024 * 1024) }),
  badFilter('an owner with a lone surrogate', { owner: 'al\uD800ice' }),
  badFilter('an owner with white space around it', { owner: ' alice' }),
  badFilter('an unknown state', { state: ['RUNNING', 'DONE'] }),
  badFilter('no states', { state: [] }),
  badFilter('a fractional createdBefore', { createdBefore: 1.5 }),
]

export const listInputCases: readonly Case[] = [
  {
    group: 'listing',
    name: 'refuses a forged next token (non-ASCII, lone surrogate, huge, wrong shape, negative time) with INVALID_REQUEST on every store',
    run: async (fixture) => {
      await withEngine(fixture, { admins: ['root'] }, async (engine) => {
        await engine.batches.submit(sampleRequest(), { user: 'alice' })
        for (const [what, next] of FORGED_TOKENS) {
          for (const context of [root, { user: 'alice' }]) {
            const error = await rejectionOf(engine.batches.list({ next }, context))
            expect(error, `${what} as ${context.user}`).toMatchObject({
              name: 'BatchgateError',
              code: 'INVALID_REQUEST',
              message: expect.stringContaining('next'),
            })
            expect(error.message.length, what).toBeLessThan(400)
          }
        }
      })
    },
  },
  {
    group: 'listing',
    name: 'refuses filters beyond the limits of the fields they filter (20 MB batchType, over-long owner) with INVALID_REQUEST on every store',
    run: async (fixture) => {
      await withEngine(fixture, { admins: ['root'], limits: { maxRequestBytes: 4096 } }, async (engine) => {
        for (const [what, filter] of BAD_FILTERS) {
          const error = await rejectionOf(engine.batches.list(filter as BatchListFilter, root))
          expect(error, what).toMatchObject({ name: 'BatchgateError', code: 'INVALID_REQUEST' })
          expect(error.message.length, what).toBeLessThan(400)
        }
        // The largest values the fields can hold are still accepted.
        const widest = { owner: 'ü'.repeat(255), batchType: 'S'.repeat(4096) }
        expect((await engine.batches.list(widest, root)).batches).toEqual([])
      })
    },
  },
  {
    group: 'listing',
    name: 'pages through batches whose ids come from a custom id source (sequential UUIDs)',
    run: async (fixture) => {
      let n = 0
      const sequential = (i: number): string => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`
      const ids: IdSource = { newId: () => sequential(n++) }
      let now = 1_000
      await withEngine(fixture, { idSource: ids, clock: { now: () => (now += 1) } }, async (engine) => {
        for (let i = 0; i < 5; i++) {
          const { conf: _ignored, ...request } = sampleRequest()
          await engine.batches.submit(request, { user: 'alice' })
        }
        const seen: string[] = []
        let next: string | undefined
        do {
          const page = await engine.batches.list(
            { pageSize: 2, ...(next === undefined ? {} : { next }) },
            { user: 'alice' },
          )
          seen.push(...page.batches.map((batch) => batch.id))
          next = page.next
        } while (next !== undefined)
        expect(seen).toEqual([4, 3, 2, 1, 0].map(sequential))
      })
    },
  },
]
