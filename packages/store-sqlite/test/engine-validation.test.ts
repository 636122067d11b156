import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine, KYUUBI_BATCH_ID_KEY, type BatchRequest, type Engine } from '@batchgate/core'
import { sqliteStore } from '@batchgate/store-sqlite'
import { sparkRequest } from './helpers/batch-requests.js'
import { readRawBatches } from './helpers/raw-sqlite.js'
import { tempDatabasePath } from './helpers/temp-database.js'

const valid: BatchRequest = sparkRequest('6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69')

/** Builds a request that TypeScript would refuse, as an untyped JSON client could send it. */
function untyped(changes: Record<string, unknown>): BatchRequest {
  const request: unknown = { ...valid, ...changes }
  return request as BatchRequest
}

const withId = (id: unknown): BatchRequest => untyped({ conf: { [KYUUBI_BATCH_ID_KEY]: id } })

describe('bad input is rejected with a typed error and stores nothing', () => {
  let filename: string
  let engine: Engine

  beforeAll(async () => {
    // One file for the whole table: after every rejection it must still be empty.
    filename = tempDatabasePath('validation.db', 'file')
    engine = await createEngine({ store: sqliteStore({ filename }), limits: { maxRequestBytes: 4096 } })
  })
  afterAll(async () => {
    await engine.close()
  })

  it.each([
    ['abc', 'kyuubi.batch.id=abc must be a UUID'],
    ['', 'kyuubi.batch.id= must be a UUID'],
    ['{6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69}', 'must be a UUID'],
    ['6c7e3a4e1f0b4c529a572f1d3c4b5a69', 'must be a UUID'],
    ['urn:uuid:6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69', 'must be a UUID'],
    [' 6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69', 'must be a UUID'],
    ['6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a6g', 'must be a UUID'],
    ['6c7e3a4e-1f0b-4c52-1a57-2f1d3c4b5a69', 'must be a UUID'],
  ])('kyuubi.batch.id=%j is INVALID_BATCH_ID naming the key and the value', async (id, message) => {
    const error = await engine.batches.submit(withId(id), { user: 'alice' }).catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'BatchgateError', code: 'INVALID_BATCH_ID' })
    expect((error as Error).message).toContain(message)
    expect((error as Error).message).toContain(`kyuubi.batch.id=${id}`)
    expect(readRawBatches(filename)).toHaveLength(0)
  })

  it.each([
    ['a request that is not an object', null, 'must be an object'],
    ['an array as request', [], 'must be an object'],
    ['a missing batchType', untyped({ batchType: undefined }), 'batchType must be a non-empty string'],
    ['a blank batchType', untyped({ batchType: '  ' }), 'batchType must be a non-empty string'],
    ['a numeric batchType', untyped({ batchType: 7 }), 'batchType must be a non-empty string'],
    ['a missing resource', untyped({ resource: undefined }), 'resource must be a non-empty string'],
    ['an empty resource', untyped({ resource: '' }), 'resource must be a non-empty string'],
    ['a non-string className', untyped({ className: 42 }), 'className must be a string'],
    ['a non-string name', untyped({ name: { x: 1 } }), 'name must be a string'],
    ['conf as an array', untyped({ conf: ['a'] }), 'conf must be an object'],
    ['conf as a string', untyped({ conf: 'a=b' }), 'conf must be an object'],
    [
      'a non-string conf value',
      untyped({ conf: { 'spark.cores': 4 } }),
      "conf['spark.cores'] must be a string",
    ],
    ['a non-string id in conf', withId(42), 'kyuubi.batch.id'],
    ['args as a string', untyped({ args: '--day 1' }), 'args must be an array'],
    ['a non-string arg', untyped({ args: ['--n', 3] }), 'args[1] must be a string'],
    // eslint-disable-next-line no-sparse-arrays
    ['a sparse args array', untyped({ args: ['a', , 'c'] }), 'args[1] must be a string'],
    ['too many conf entries', untyped({ conf: manyEntries(1001) }), 'more than the limit of 1000'],
    [
      'too many args',
      untyped({ args: Array.from({ length: 1001 }, () => 'x') }),
      'more than the limit of 1000',
    ],
    ['too many bytes', untyped({ args: ['é'.repeat(3000)] }), 'more than the limit of 4096'],
  ])('%s', async (_what, request, message) => {
    const error = await engine.batches
      .submit(request as BatchRequest, { user: 'alice' })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'BatchgateError' })
    expect(['INVALID_REQUEST', 'INVALID_BATCH_ID']).toContain((error as { code: string }).code)
    expect((error as Error).message).toContain(message)
    expect(readRawBatches(filename)).toHaveLength(0)
  })

  it.each([
    ['no context', undefined],
    ['no user', {}],
    ['an empty user', { user: '' }],
    ['a non-string user', { user: 7 }],
  ])('%s is INVALID_REQUEST', async (_what, context) => {
    await expect(engine.batches.submit(valid, context as unknown as { user: string })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringContaining('user') as unknown,
    })
    expect(readRawBatches(filename)).toHaveLength(0)
  })

  it('keeps a __proto__ conf key as plain data', async () => {
    const conf = JSON.parse(`{"__proto__": "x", "${KYUUBI_BATCH_ID_KEY}": "${randomUUID()}"}`) as Record<
      string,
      string
    >
    const batch = await engine.batches.submit(untyped({ conf }), { user: 'alice' })
    expect(Object.getPrototypeOf(batch.conf)).toBe(Object.prototype)
    expect(Object.keys(batch.conf)).toContain('__proto__')
    await engine.close()
    engine = await createEngine({ store: sqliteStore({ filename }), limits: { maxRequestBytes: 4096 } })
  })
})

describe('engine options are checked', () => {
  it.each([
    [{ instanceId: '' }, 'instanceId'],
    [{ limits: { maxArgs: 0 } }, 'limits.maxArgs'],
    [{ limits: { maxConfEntries: 1.5 } }, 'limits.maxConfEntries'],
  ])('%j is INVALID_OPTIONS', async (options, message) => {
    await expect(
      createEngine({ store: sqliteStore({ filename: tempDatabasePath() }), ...options }),
    ).rejects.toMatchObject({ code: 'INVALID_OPTIONS', message: expect.stringContaining(message) as unknown })
  })

  it('sqliteStore without a filename is INVALID_OPTIONS', () => {
    expect(() => sqliteStore({ filename: '' })).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }))
  })
})

function manyEntries(count: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, 'v']))
}
