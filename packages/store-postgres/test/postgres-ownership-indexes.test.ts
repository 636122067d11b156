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
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type CompiledQuery,
} from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { postgresStore } from '@batchgate/store-postgres'
import { toPostgresRow } from '../src/postgres-batch-row.js'
import { POSTGRES_QUERIES } from '../src/postgres-batch-queries.js'
import { describeWithPostgres } from './helpers/postgres-server.js'
import { createTestSchema, type TestSchema } from './helpers/test-schema.js'

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

describeWithPostgres(
  'postgresStore ownership and queue queries on indexes (EXPLAIN after ANALYZE, 10,000 rows)',
  () => {
    let schema: TestSchema
    let compiler: Kysely<BatchTables>

    beforeAll(async () => {
      schema = await createTestSchema()
      const store = postgresStore({ connectionString: schema.uri, schema: schema.name })
      await store.open()
      await store.close()
      const rows = busyTable().map(({ record, token, queuedAt }) => ({
        ...toPostgresRow(batchToRow(record), { insert_token: '0'.repeat(32), state_token: null }),
        owner_token: token,
        queued_at: queuedAt,
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
      const leases = `"${schema.name}".batchgate_instance_lease`
      for (let n = 0; n < INSTANCES; n++) {
        await schema.raw.query(`insert into ${leases} values ($1, $2, 1, 9000000000000000)`, [
          `tok-${n}`,
          `gw-${n}`,
        ])
      }
      for (let n = 0; n < 40; n++) {
        await schema.raw.query(`insert into ${leases} values ($1, $2, 1, 2)`, [
          `old-${n}`,
          `gw-${n % INSTANCES}`,
        ])
      }
      // Realistic statistics, as autovacuum's analyze would have them on a live table.
      await schema.raw.query(`analyze ${schema.table}`)
      await schema.raw.query(`analyze ${leases}`)
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

    /** The indexes the plan reads the batch table by; never a sequential scan of it. */
    function batchIndexes(nodes: readonly PlanNode[]): (string | undefined)[] {
      expect(
        nodes.filter(
          (node) => node['Node Type'] === 'Seq Scan' && node['Relation Name'] === 'batchgate_batch',
        ),
      ).toEqual([])
      return nodes
        .filter((node) => node['Index Name']?.startsWith('batchgate_batch'))
        .map((node) => node['Index Name'])
    }

    it('the launch queue walks the queue index in claim order (Index Scan, no Sort under it) and the grace part an index', async () => {
      const query = launchQueueQuery(
        compiler,
        { limit: 10, unlaunchedGraceMs: 30_000 },
        POSTGRES_QUERIES,
      ).compile()
      const nodes = await explain(query)
      const queue = nodes.find((node) => node['Index Name'] === 'batchgate_batch_queue')
      expect(queue?.['Node Type']).toBe('Index Scan')
      expect(batchIndexes(nodes)).toHaveLength(2)
    })

    it("a lease token's unfinished batches (adoption) are read on (owner_token, state)", async () => {
      const query = batchPageQuery(
        compiler,
        { ownerToken: 'tok-3', states: ['PENDING', 'RUNNING'], limit: 1_000 },
        POSTGRES_QUERIES,
      ).compile()
      expect(batchIndexes(await explain(query))).toContain('batchgate_batch_owner_token')
    })

    it("listLeases counts each lease's RUNNING batches on (owner_token, state)", async () => {
      const nodes = await explain(leaseQueries(compiler, POSTGRES_QUERIES).list().compile())
      expect(batchIndexes(nodes)).toEqual(['batchgate_batch_owner_token'])
      expect(
        nodes.find((node) => node['Index Name'] === 'batchgate_batch_owner_token')?.['Node Type'],
      ).toMatch(/Index Only Scan|Index Scan/)
    })

    it('dropLease checks for unfinished batches by an index on the token and the state', async () => {
      const nodes = await explain(leaseQueries(compiler, POSTGRES_QUERIES).drop('old-7').compile())
      // Both indexes answer `owner_token = ? and state in (…)` with equalities only: (owner_token, state),
      // or the queue's (state, owner_token, …) probed once per state. Either reads just that token's rows.
      const [index, ...more] = batchIndexes(nodes)
      expect(more).toEqual([])
      expect(['batchgate_batch_owner_token', 'batchgate_batch_queue']).toContain(index)
      // The lease table (48 rows here, one per engine start) may be read whole: it stays that small.
    })
  },
)
