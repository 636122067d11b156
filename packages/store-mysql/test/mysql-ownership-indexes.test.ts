import { BatchState } from '@batchgate/core'
import type { BatchRecord } from '@batchgate/core/store'
import {
  batchPageQuery,
  batchToRow,
  launchQueueQuery,
  leaseQueries,
  type BatchTables,
} from '@batchgate/sql-store'
import { sampleRecord } from '@batchgate/testkit'
import {
  DummyDriver,
  Kysely,
  MysqlAdapter,
  MysqlIntrospector,
  MysqlQueryCompiler,
  type CompiledQuery,
} from 'kysely'
import type { RowDataPacket } from 'mysql2/promise'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { mysqlStore } from '@batchgate/store-mysql'
import { MYSQL_QUERIES } from '../src/mysql-batch-queries.js'
import { describeWithMysql } from './helpers/mysql-server.js'
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js'

const ENDED = 8_000
const QUEUED = 2_000
const INSTANCES = 8
const START = 1_700_000_000_000
const MINUTE = 60_000

/**
 * A busy table: 8,000 ended batches over many lease tokens, a launch queue of 2,000 PENDING batches
 * owned by nobody (priorities 1 to 20), 8 live instances each running 5 and about to launch 1, and a
 * lease row per instance plus 40 expired ones.
 */
function busyTable(): { record: BatchRecord; token: string | null; queuedAt: number }[] {
  const ended = [BatchState.FINISHED, BatchState.ERROR, BatchState.CANCELED] as const
  const rows: { record: BatchRecord; token: string | null; queuedAt: number }[] = []
  for (let i = 0; i < ENDED; i++) {
    const createTime = START + i * MINUTE
    const record = sampleRecord({
      owner: `user-${i % 50}`,
      createdBy: `gw-${i % INSTANCES}`,
      ownerInstance: `gw-${i % INSTANCES}`,
      createTime,
      state: ended[i % 3] ?? BatchState.FINISHED,
      startTime: createTime + 1_000,
      endTime: createTime + MINUTE,
    })
    rows.push({ record, token: `old-${i % 40}`, queuedAt: createTime })
  }
  const now = START + ENDED * MINUTE
  for (let i = 0; i < QUEUED; i++) {
    const record = sampleRecord({
      createTime: now + i,
      ownerInstance: null,
      priority: [1, 5, 10, 10, 20][i % 5] ?? 10,
    })
    rows.push({ record, token: null, queuedAt: now + i })
  }
  for (let n = 0; n < INSTANCES; n++) {
    for (let i = 0; i < 6; i++) {
      const running = i < 5
      const record = sampleRecord({
        createTime: now + n * 10 + i,
        ownerInstance: `gw-${n}`,
        state: running ? BatchState.RUNNING : BatchState.PENDING,
        startTime: running ? now : null,
      })
      rows.push({ record, token: `tok-${n}`, queuedAt: now + n * 10 + i })
    }
  }
  return rows
}

interface Explained extends RowDataPacket {
  table: string | null
  type: string
  key: string | null
  Extra: string | null
}

describeWithMysql('mysqlStore ownership and queue queries on indexes (EXPLAIN, 10,000 rows)', () => {
  let database: TestDatabase
  let compiler: Kysely<BatchTables>

  beforeAll(async () => {
    database = await createTestDatabase()
    const store = mysqlStore({ uri: database.uri })
    await store.open()
    await store.close()
    const rows = busyTable().map(({ record, token, queuedAt }) => ({
      ...batchToRow(record),
      owner_token: token,
      queued_at: queuedAt,
      insert_token: '0'.repeat(32),
    }))
    const columns = Object.keys(rows[0] ?? {})
    for (let at = 0; at < rows.length; at += 1_000) {
      await database.raw.query(`insert into batchgate_batch (${columns.join(', ')}) values ?`, [
        rows.slice(at, at + 1_000).map((row) => Object.values(row)),
      ])
    }
    const leases = [
      ...Array.from({ length: INSTANCES }, (_, n) => [`tok-${n}`, `gw-${n}`, 1, 9e15]),
      ...Array.from({ length: 40 }, (_, n) => [`old-${n}`, `gw-${n % INSTANCES}`, 1, 2]),
    ]
    await database.raw.query(
      'insert into batchgate_instance_lease (token, instance_id, acquired_at, expires_at) values ?',
      [leases],
    )
    await database.raw.query('analyze table batchgate_batch, batchgate_instance_lease')
    compiler = new Kysely<BatchTables>({
      dialect: {
        createAdapter: () => new MysqlAdapter(),
        createDriver: () => new DummyDriver(),
        createIntrospector: (db) => new MysqlIntrospector(db),
        createQueryCompiler: () => new MysqlQueryCompiler(),
      },
    })
  })
  afterAll(async () => {
    await database.drop()
  })

  /** EXPLAIN of the statement with its values (mysql2 puts them in the text), and the rows it reads. */
  async function explain(statement: CompiledQuery): Promise<Explained[]> {
    const [plan] = await database.raw.query<Explained[]>(`explain ${statement.sql}`, [
      ...statement.parameters,
    ])
    return plan
  }

  /** The plan's accesses to the batch table: none a full scan, and the indexes they use. */
  function batchAccesses(plan: readonly Explained[]): Explained[] {
    const accesses = plan.filter((row) => row.table === 'batchgate_batch')
    expect(accesses.length).toBeGreaterThan(0)
    for (const access of accesses) expect(access.type).not.toBe('ALL')
    return accesses
  }

  it('the launch queue walks the queue index in claim order (no sort) and the grace part a range', async () => {
    const query = launchQueueQuery(
      compiler,
      { limit: 10, unlaunchedGraceMs: 30_000 },
      MYSQL_QUERIES,
    ).compile()
    const plan = await explain(query)
    const [queued, unlaunched] = batchAccesses(plan)
    expect(queued?.key).toBe('batchgate_batch_queue')
    expect(queued?.Extra ?? '').not.toMatch(/filesort/)
    expect(['batchgate_batch_queue', 'batchgate_batch_queued_at']).toContain(unlaunched?.key)
  })

  it("a lease token's unfinished batches (adoption) are read on (owner_token, state)", async () => {
    const query = batchPageQuery(
      compiler,
      { ownerToken: 'tok-3', states: ['PENDING', 'RUNNING'], limit: 1_000 },
      MYSQL_QUERIES,
    ).compile()
    const [access] = batchAccesses(await explain(query))
    expect(access?.key).toBe('batchgate_batch_owner_token')
  })

  it("listLeases counts each lease's RUNNING batches on (owner_token, state), from the index alone", async () => {
    const [access] = batchAccesses(await explain(leaseQueries(compiler, MYSQL_QUERIES).list().compile()))
    expect(access?.key).toBe('batchgate_batch_owner_token')
    expect(access?.Extra ?? '').toMatch(/Using index/)
  })

  it('dropLease checks for unfinished batches on (owner_token, state)', async () => {
    const plan = await explain(leaseQueries(compiler, MYSQL_QUERIES).drop('old-7').compile())
    const [access] = batchAccesses(plan)
    expect(access?.key).toBe('batchgate_batch_owner_token')
    const lease = plan.find((row) => row.table === 'batchgate_instance_lease')
    expect(lease?.key).toBe('PRIMARY')
  })
})
