import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  BatchState,
  createEngine,
  isDuplicatedSubmission,
  KYUUBI_BATCH_DUPLICATED_KEY,
  KYUUBI_BATCH_ID_KEY,
  type Engine,
  type EngineOptions,
} from '@batchgate/core'
import { sqliteStore } from '@batchgate/store-sqlite'
import { sparkRequest } from './helpers/batch-requests.js'
import { readRawBatches } from './helpers/raw-sqlite.js'
import { RecordingLauncher } from './helpers/recording-launcher.js'
import { tempDatabasePath } from './helpers/temp-database.js'

async function engineOn(filename: string, options: Partial<EngineOptions> = {}): Promise<Engine> {
  return createEngine({ store: sqliteStore({ filename }), instanceId: 'test-1', ...options })
}

describe('submit on SQLite', () => {
  it('creates the batch once and answers later submissions with the stored batch, marked duplicated', async () => {
    const filename = tempDatabasePath()
    const launcher = new RecordingLauncher()
    let now = 1_000
    const engine = await engineOn(filename, { launchers: { SPARK: launcher }, clock: { now: () => now++ } })
    const id = randomUUID()

    const created = await engine.batches.submit(sparkRequest(id), { user: 'alice' })
    const again = await engine.batches.submit(sparkRequest(id), { user: 'alice' })
    await engine.launchesSettled()

    expect(created.id).toBe(id)
    expect(isDuplicatedSubmission(created)).toBe(false)
    expect(created.batchInfo).toEqual({})
    expect(isDuplicatedSubmission(again)).toBe(true)
    expect(again.batchInfo[KYUUBI_BATCH_DUPLICATED_KEY]).toBe('true')
    expect(again.createTime).toBe(created.createTime)
    expect(launcher.launchesOf(id)).toBe(1)

    const rows = readRawBatches(filename)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      id,
      owner: 'alice',
      create_time: created.createTime,
      created_by: 'test-1',
    })
    expect(rows[0]?.state).toBe(BatchState.FINISHED)
    await engine.close()
  })

  it('returns the stored batch, not the caller input: its state and times as stored now', async () => {
    const filename = tempDatabasePath()
    const launcher = new RecordingLauncher('hold')
    const engine = await engineOn(filename, { launchers: { SPARK: launcher } })
    const id = randomUUID()
    const created = await engine.batches.submit(sparkRequest(id), { user: 'alice' })
    await waitUntil(() => readRawBatches(filename)[0]?.state === 'RUNNING')

    const duplicate = await engine.batches.submit(sparkRequest(id), { user: 'alice' })
    expect(duplicate.state).toBe(BatchState.RUNNING)
    expect(duplicate.startTime).toBeTypeOf('number')
    expect(duplicate.createTime).toBe(created.createTime)
    expect(duplicate.conf).toEqual(sparkRequest(id).conf)

    launcher.finish(id)
    await engine.launchesSettled()
    await engine.close()
  })

  it('folds an upper-case id to its canonical form, so both spellings are one batch', async () => {
    const engine = await engineOn(tempDatabasePath())
    const id = randomUUID()
    const first = await engine.batches.submit(sparkRequest(id.toUpperCase()), { user: 'alice' })
    const second = await engine.batches.submit(sparkRequest(id), { user: 'alice' })
    expect(first.id).toBe(id)
    expect(first.conf[KYUUBI_BATCH_ID_KEY]).toBe(id)
    expect(isDuplicatedSubmission(second)).toBe(true)
    await engine.close()
  })

  it('generates an id when none is given, and every such submission is a new batch', async () => {
    const engine = await engineOn(tempDatabasePath())
    const request = sparkRequest(undefined, { conf: { 'spark.executor.memory': '4g' } })
    const a = await engine.batches.submit(request, { user: 'alice' })
    const b = await engine.batches.submit(request, { user: 'alice' })
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(b.id).not.toBe(a.id)
    expect(isDuplicatedSubmission(b)).toBe(false)
    await engine.close()
  })

  it('rejects the same id from another user without revealing the stored batch', async () => {
    const filename = tempDatabasePath()
    const engine = await engineOn(filename)
    const id = randomUUID()
    await engine.batches.submit(sparkRequest(id, { resource: 'hdfs:///secret/alice.jar' }), { user: 'alice' })

    const attempt = engine.batches.submit(sparkRequest(id, { resource: 'hdfs:///secret/alice.jar' }), {
      user: 'mallory',
    })
    const error = await attempt.catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'BATCH_ID_CONFLICT' })
    const message = (error as Error).message
    expect(message).not.toContain('alice')
    expect(message).not.toContain('secret')
    expect(readRawBatches(filename)).toHaveLength(1)
    await engine.close()
  })

  it.each([
    ['batchType', { batchType: 'FLINK' }],
    ['resource', { resource: 'hdfs:///jobs/other.jar' }],
    ['className', { className: 'org.example.Other' }],
    ['name', { name: 'other' }],
    ['args', { args: ['--day', '2026-11-21'] }],
  ])('rejects the same id with a different %s as BATCH_ID_CONFLICT', async (_field, change) => {
    const engine = await engineOn(tempDatabasePath())
    const id = randomUUID()
    await engine.batches.submit(sparkRequest(id), { user: 'alice' })
    await expect(engine.batches.submit(sparkRequest(id, change), { user: 'alice' })).rejects.toMatchObject({
      code: 'BATCH_ID_CONFLICT',
    })
    await engine.close()
  })

  it('compares conf without the id key and regardless of key order', async () => {
    const engine = await engineOn(tempDatabasePath())
    const id = randomUUID()
    await engine.batches.submit(sparkRequest(id, { conf: { a: '1', b: '2', [KYUUBI_BATCH_ID_KEY]: id } }), {
      user: 'alice',
    })
    const reordered = await engine.batches.submit(
      sparkRequest(id, { conf: { [KYUUBI_BATCH_ID_KEY]: id.toUpperCase(), b: '2', a: '1' } }),
      { user: 'alice' },
    )
    expect(isDuplicatedSubmission(reordered)).toBe(true)
    await expect(
      engine.batches.submit(sparkRequest(id, { conf: { a: '1', b: '3', [KYUUBI_BATCH_ID_KEY]: id } }), {
        user: 'alice',
      }),
    ).rejects.toMatchObject({ code: 'BATCH_ID_CONFLICT' })
    await engine.close()
  })

  it('in lenient mode (compareDuplicateRequests: false) returns the stored batch for a different request', async () => {
    const engine = await engineOn(tempDatabasePath(), { compareDuplicateRequests: false })
    const id = randomUUID()
    const created = await engine.batches.submit(sparkRequest(id), { user: 'alice' })
    const other = await engine.batches.submit(sparkRequest(id, { resource: 'hdfs:///jobs/other.jar' }), {
      user: 'alice',
    })
    expect(isDuplicatedSubmission(other)).toBe(true)
    expect(other.resource).toBe(created.resource)
    await expect(engine.batches.submit(sparkRequest(id), { user: 'bob' })).rejects.toMatchObject({
      code: 'BATCH_ID_CONFLICT',
    })
    await engine.close()
  })

  it('without the pre-insert lookup (insert first) answers duplicates the same way', async () => {
    const engine = await engineOn(tempDatabasePath(), { lookupBeforeInsert: false })
    const id = randomUUID()
    const created = await engine.batches.submit(sparkRequest(id), { user: 'alice' })
    const again = await engine.batches.submit(sparkRequest(id), { user: 'alice' })
    expect(isDuplicatedSubmission(again)).toBe(true)
    expect(again.createTime).toBe(created.createTime)
    await expect(engine.batches.submit(sparkRequest(id), { user: 'bob' })).rejects.toMatchObject({
      code: 'BATCH_ID_CONFLICT',
    })
    await engine.close()
  })
})

describe('launching', () => {
  it('persists RUNNING while the launcher runs and FINISHED when it resolves', async () => {
    const filename = tempDatabasePath()
    const launcher = new RecordingLauncher('hold')
    let now = 5_000
    const engine = await engineOn(filename, {
      launchers: { SPARK: launcher },
      clock: { now: () => (now += 10) },
    })
    const id = randomUUID()
    const created = await engine.batches.submit(sparkRequest(id), { user: 'alice' })
    expect(created.state).toBe(BatchState.PENDING)

    await waitUntil(() => launcher.launchesOf(id) === 1)
    expect(launcher.launched[0]?.state).toBe(BatchState.RUNNING)
    expect(readRawBatches(filename)[0]).toMatchObject({ state: 'RUNNING', end_time: null })

    launcher.finish(id)
    await engine.launchesSettled()
    const row = readRawBatches(filename)[0]
    expect(row).toMatchObject({ state: 'FINISHED', diagnostic: null })
    expect(row?.end_time).toBeGreaterThan(row?.start_time ?? Infinity)
    await engine.close()
  })

  it('persists ERROR with the launcher error message as diagnostic', async () => {
    const filename = tempDatabasePath()
    const launcher = new RecordingLauncher('hold')
    const engine = await engineOn(filename, { launchers: { SPARK: launcher } })
    const id = randomUUID()
    await engine.batches.submit(sparkRequest(id), { user: 'alice' })
    await waitUntil(() => launcher.launchesOf(id) === 1)
    launcher.fail(id, new Error('spark-submit exited with 1'))
    await engine.launchesSettled()
    expect(readRawBatches(filename)[0]).toMatchObject({
      state: 'ERROR',
      diagnostic: 'spark-submit exited with 1',
    })
    expect((await engine.batches.get(id, { user: 'alice' }))?.diagnostic).toBe('spark-submit exited with 1')
    await engine.close()
  })

  it('treats a launcher that throws synchronously as a failed launch', async () => {
    const filename = tempDatabasePath()
    const engine = await engineOn(filename, {
      launchers: {
        SPARK: {
          launch: () => {
            throw new Error('no spark home')
          },
        },
      },
    })
    await engine.batches.submit(sparkRequest(), { user: 'alice' })
    await engine.launchesSettled()
    expect(readRawBatches(filename)[0]).toMatchObject({ state: 'ERROR', diagnostic: 'no spark home' })
    await engine.close()
  })

  it('rejects a batchType without a launcher when launchers are configured, storing nothing', async () => {
    const filename = tempDatabasePath()
    const engine = await engineOn(filename, { launchers: { SPARK: new RecordingLauncher() } })
    await expect(
      engine.batches.submit(sparkRequest(undefined, { batchType: 'FLINK' }), { user: 'a' }),
    ).rejects.toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('FLINK') as unknown })
    expect(readRawBatches(filename)).toHaveLength(0)
    await engine.close()
  })

  it('stores batches as PENDING when no launchers are configured', async () => {
    const filename = tempDatabasePath()
    const engine = await engineOn(filename)
    await engine.batches.submit(sparkRequest(), { user: 'alice' })
    await engine.launchesSettled()
    expect(readRawBatches(filename)[0]?.state).toBe('PENDING')
    await engine.close()
  })
})

describe('get and close', () => {
  it('gets the stored batch for its owner, undefined for an unknown id, PERMISSION_DENIED for others', async () => {
    const engine = await engineOn(tempDatabasePath())
    const id = randomUUID()
    const created = await engine.batches.submit(sparkRequest(id), { user: 'alice' })
    expect(await engine.batches.get(id.toUpperCase(), { user: 'alice' })).toEqual(created)
    expect(await engine.batches.get(randomUUID(), { user: 'alice' })).toBeUndefined()
    await expect(engine.batches.get(id, { user: 'bob' })).rejects.toMatchObject({ code: 'PERMISSION_DENIED' })
    await expect(engine.batches.get('not-a-uuid', { user: 'alice' })).rejects.toMatchObject({
      code: 'INVALID_BATCH_ID',
    })
    await engine.close()
  })

  it('close is idempotent and later calls fail with CLOSED', async () => {
    const engine = await engineOn(tempDatabasePath())
    await engine.close()
    await engine.close()
    await expect(engine.batches.submit(sparkRequest(), { user: 'alice' })).rejects.toMatchObject({
      code: 'CLOSED',
    })
  })

  it('keeps batches across engine restarts on the same file', async () => {
    const filename = tempDatabasePath()
    const id = randomUUID()
    const first = await engineOn(filename)
    const created = await first.batches.submit(sparkRequest(id), { user: 'alice' })
    await first.close()
    const second = await engineOn(filename)
    const again = await second.batches.submit(sparkRequest(id), { user: 'alice' })
    expect(isDuplicatedSubmission(again)).toBe(true)
    expect(again.createTime).toBe(created.createTime)
    await second.close()
  })
})

async function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
