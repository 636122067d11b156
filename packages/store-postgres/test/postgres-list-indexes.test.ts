import { BatchState } from '@batchgate/core'
import { type BatchQuery, type BatchRecord, type PurgeQuery } from '@batchgate/core/store'
import { batchPageQuery, batchToRow, expiredBatchesDelete, type BatchTables } from '@batchgate/sql-store'
import { postgresStore, type PostgresMetadataStore } from '@batchgate/store-postgres'
import { sampleRecord } from '@batchgate/testkit'
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type CompiledQuery,
} from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { toPostgresRow } from '../src/postgres-batch-row.js'
import { POSTGRES_QUERIES } from '../src/postgres-batch-queries.js'
import { describeWithPostgres } from './helpers/postgres-server.js'
import { createTestSchema, type TestSchema } from './helpers/test-schema.js'

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

/** One node of `EXPLAIN (FORMAT JSON)`'s plan tree. */
interface PlanNode {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  Plans?: PlanNode[]
}

function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)]
}

describeWithPostgres('postgresStore queries on indexes (EXPLAIN after ANALYZE, 5,000 rows)', () => {
  let schema: TestSchema
  let store: PostgresMetadataStore
  /** Compiles the store's own statements (the functions it runs), without a connection. */
  let compiler: Kysely<BatchTables>

  beforeAll(async () => {
    schema = await createTestSchema()
    store = postgresStore({ connectionString: schema.uri, schema: schema.name })
    await store.open()
    const rows = realisticBatches().map((record) => ({
      ...toPostgresRow(batchToRow(record), { insert_token: '0'.repeat(32), state_token: null }),
      queued_at: record.createTime,
    }))
    const columns = Object.keys(rows[0] ?? {})
    // 1,000 rows a statement: a statement takes at most 65,535 parameters.
    for (let at = 0; at < rows.length; at += 1_000) {
      const chunk = rows.slice(at, at + 1_000)
      const values = chunk.flatMap((row) => Object.values(row) as unknown[])
      const tuples = chunk.map(
        (_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`,
      )
      await schema.raw.query(
        `insert into ${schema.table} (${columns.join(', ')}) values ${tuples.join(', ')}`,
        values,
      )
    }
    // Realistic statistics, as autovacuum's analyze would have them on a live table.
    await schema.raw.query(`analyze ${schema.table}`)
    compiler = new Kysely<BatchTables>({
      dialect: {
        createAdapter: () => new PostgresAdapter(),
        createDriver: () => new DummyDriver(),
        createIntrospector: (db) => new PostgresIntrospector(db),
        createQueryCompiler: () => new PostgresQueryCompiler(),
      },
    }).withSchema(schema.name)
  })
  afterAll(async () => {
    await store.close()
    await schema.drop()
  })

  /** The plan's nodes, for the statement with its values (a custom plan, as the store's gets). */
  async function explain(statement: CompiledQuery): Promise<PlanNode[]> {
    const { rows } = await schema.raw.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      `explain (format json) ${statement.sql}`,
      [...statement.parameters],
    )
    const plan = rows[0]?.['QUERY PLAN'][0].Plan
    if (plan === undefined) throw new Error(`no plan for ${statement.sql}`)
    return nodesOf(plan)
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
      'batchgate_batch_pkey',
    ],
  ])('%s: %s', async (_what, makeQuery, index) => {
    const query = await makeQuery()
    // The conformance suites check what is listed; here, that these queries find rows at all.
    expect((await store.listBatches(query)).length).toBeGreaterThan(0)
    const nodes = await explain(batchPageQuery(compiler, query, POSTGRES_QUERIES).compile())
    expect(nodes.map((node) => node['Node Type'])).not.toContain('Seq Scan')
    const indexes = nodes.map((node) => node['Index Name'])
    if (index === 'batchgate_batch_state_create_time' && !indexes.includes(index)) {
      // A state filter may also be served by 0004's (state, queued_at), the smaller index that leads
      // with state: for the few unfinished rows PostgreSQL reads them all by bitmap and sorts them,
      // rather than walk (state, create_time, id) backwards.
      expect(indexes).toContain('batchgate_batch_queued_at')
    } else {
      expect(indexes).toContain(index)
    }
  })

  it('the purge deletes the oldest ended batches along (end_time)', async () => {
    const cutoff = START + 1_000 * MINUTE
    const purge: PurgeQuery = { endedBefore: cutoff, limit: 100 }
    const nodes = await explain(expiredBatchesDelete(compiler, purge, POSTGRES_QUERIES).compile())
    expect(nodes.map((node) => node['Node Type'])).not.toContain('Seq Scan')
    expect(nodes.map((node) => node['Index Name'])).toContain('batchgate_batch_end_time')
    expect(await store.purgeBatches(purge)).toBe(100)
    const { rows } = await schema.raw.query<{ oldest: string }>(
      `select min(create_time) as oldest from ${schema.table}`,
    )
    // Each ended an hour after it was created, a minute after the one before: the first hundred are gone.
    expect(Number(rows[0]?.oldest)).toBe(START + 100 * MINUTE)
  })
})
