import { BatchState } from '@batchgate/core'
import type { BatchQuery, BatchRecord } from '@batchgate/core/store'
import { batchToRow } from '@batchgate/sql-store'
import { mysqlStore, type MysqlMetadataStore } from '@batchgate/store-mysql'
import { sampleRecord } from '@batchgate/testkit'
import type { RowDataPacket } from 'mysql2/promise'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { MysqlFaultProxy } from './helpers/mysql-fault-proxy.js'
import { describeWithMysql, MYSQL_URI } from './helpers/mysql-server.js'
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js'

const ROWS = 5_000
const UNFINISHED = 50
const START = 1_700_000_000_000
const MINUTE = 60_000
const HOUR = 60 * MINUTE

/**
 * A realistic table: 50 users, 8 instances, a batch a minute over three and a half days, almost all
 * of them ended (FINISHED, ERROR, CANCELED) and the newest few PENDING or RUNNING.
 */
function realisticBatches(): BatchRecord[] {
  const ended = [BatchState.FINISHED, BatchState.ERROR, BatchState.CANCELED] as const
  return Array.from({ length: ROWS }, (_, i) => {
    const createTime = START + i * MINUTE
    const unfinished = i >= ROWS - UNFINISHED
    return sampleRecord({
      owner: `user-${i % 50}`,
      batchType: i % 4 === 0 ? 'FLINK' : 'SPARK',
      createdBy: `gw-${i % 8}`,
      createTime,
      state: unfinished
        ? i % 2 === 0
          ? BatchState.PENDING
          : BatchState.RUNNING
        : (ended[i % 3] ?? BatchState.FINISHED),
      startTime: unfinished && i % 2 === 0 ? null : createTime + 1_000,
      endTime: unfinished ? null : createTime + HOUR,
    })
  })
}

interface Explained extends RowDataPacket {
  type: string
  key: string | null
}

describeWithMysql('mysqlStore queries on indexes (EXPLAIN, with thousands of rows)', () => {
  let database: TestDatabase
  let proxy: MysqlFaultProxy
  let store: MysqlMetadataStore

  beforeAll(async () => {
    database = await createTestDatabase()
    const server = new URL(MYSQL_URI)
    proxy = await MysqlFaultProxy.start(server.hostname, Number(server.port || 3306))
    // Through the proxy, which records each statement as sent (mysql2 puts the values in the text).
    store = mysqlStore({ uri: proxy.uriFor(database.uri) })
    await store.open()
    const batches = realisticBatches()
    const rows = batches.map((record) => ({
      ...batchToRow(record),
      insert_token: '0'.repeat(32),
      queued_at: record.createTime,
    }))
    const columns = Object.keys(rows[0] ?? {})
    await database.raw.query(`insert into batchgate_batch (${columns.join(', ')}) values ?`, [
      rows.map((row) => Object.values(row)),
    ])
    // Fresh statistics, as InnoDB's background recalculation would have them on a live table.
    await database.raw.query('analyze table batchgate_batch')
  })
  afterAll(async () => {
    await store.close()
    await proxy.close()
    await database.drop()
  })

  /** EXPLAIN of the last statement the store sent that starts with `prefix`. */
  async function explainLast(prefix: string): Promise<Explained> {
    // Only a text query can be explained as it was sent: a prepared statement's values are not in it
    // (the store reads a batch by id that way, and that SELECT starts like the list's).
    const statement = proxy.queries.findLast((query) => query.startsWith(prefix) && !query.includes('?'))
    if (statement === undefined) throw new Error(`the store sent no ${prefix}`)
    const [plan] = await database.raw.query<Explained[]>(`explain ${statement}`)
    const [table, ...more] = plan
    if (table === undefined || more.length > 0) throw new Error(`unexpected plan for ${statement}`)
    return table
  }

  /** The query for the page after the store's first page of `query`. */
  async function secondPage(query: BatchQuery): Promise<BatchQuery> {
    const last = (await store.listBatches(query)).at(-1)
    if (last === undefined) throw new Error('the first page is empty')
    return { ...query, after: { createTime: last.createTime, id: last.id } }
  }

  it.each<[string, () => BatchQuery | Promise<BatchQuery>, string]>([
    ["a user's batches", () => ({ owner: 'user-7', limit: 50 }), 'batchgate_batch_owner_create_time'],
    [
      "a user's next page",
      () => secondPage({ owner: 'user-7', limit: 50 }),
      'batchgate_batch_owner_create_time',
    ],
    ['the running batches', () => ({ states: ['RUNNING'], limit: 50 }), 'batchgate_batch_state_create_time'],
    [
      'the unfinished batches',
      () => ({ states: ['PENDING', 'RUNNING'], limit: 50 }),
      'batchgate_batch_state_create_time',
    ],
    [
      "an instance's unfinished batches (recovery)",
      () => ({ createdBy: 'gw-3', states: ['PENDING', 'RUNNING'], limit: 1_000 }),
      'batchgate_batch_created_by_state',
    ],
    ['the newest batches, unfiltered', () => ({ limit: 50 }), 'batchgate_batch_create_time'],
    ['the next page, unfiltered', () => secondPage({ limit: 50 }), 'batchgate_batch_create_time'],
    [
      'a creation-time window',
      () => ({ createdFrom: START + 600 * MINUTE, createdBefore: START + 700 * MINUTE, limit: 50 }),
      'batchgate_batch_create_time',
    ],
    [
      'batches by id',
      async () => ({ ids: (await store.listBatches({ limit: 5 })).map((b) => b.id), limit: 50 }),
      'PRIMARY',
    ],
  ])('%s: %s', async (_what, makeQuery, index) => {
    const query = await makeQuery()
    // The conformance suites check what is listed; here, that these queries find rows at all.
    expect((await store.listBatches(query)).length).toBeGreaterThan(0)
    const plan = await explainLast('select * from `batchgate_batch`')
    expect(plan.type).not.toBe('ALL')
    expect(plan.key).toBe(index)
  })

  it('the purge deletes the oldest ended batches along (end_time)', async () => {
    const cutoff = START + 1_000 * MINUTE
    expect(await store.purgeBatches({ endedBefore: cutoff, limit: 100 })).toBe(100)
    const plan = await explainLast('delete from `batchgate_batch`')
    expect(plan.type).not.toBe('ALL')
    expect(plan.key).toBe('batchgate_batch_end_time')
    const [rows] = await database.raw.query<(RowDataPacket & { oldest: number })[]>(
      'select min(create_time) as oldest from batchgate_batch',
    )
    // Each ended an hour after it was created, a minute after the one before: the first hundred are gone.
    expect(rows[0]?.oldest).toBe(START + 100 * MINUTE)
  })
})
