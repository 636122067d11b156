import type { BatchRecord } from '@batchgate/core/store'
import { batchToRow } from '@batchgate/sql-store'
import { migrateToVersion } from '@batchgate/sql-store/testing'
import { postgresStore } from '@batchgate/store-postgres'
import { sampleRecord } from '@batchgate/testkit'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { toPostgresRow } from '../src/postgres-batch-row.js'
import { postgresMigrations } from '../src/migrations/index.js'
import { describeWithPostgres } from './helpers/postgres-server.js'
import { createTestSchema, type TestSchema } from './helpers/test-schema.js'

/** The batch table as these raw inserts see it: any columns. */
type Tables = Record<'batchgate_batch', Record<string, unknown>>

/** Batches of the previous release: queued, running (with its application), ended, by two instances. */
function previousRelease(): BatchRecord[] {
  return [
    sampleRecord({ state: 'PENDING', createdBy: 'gw-1', createTime: 1_000 }),
    sampleRecord({
      state: 'RUNNING',
      createdBy: 'gw-2',
      createTime: 2_000,
      startTime: 2_500,
      appId: 'app-2',
    }),
    sampleRecord({
      state: 'FINISHED',
      createdBy: 'gw-1',
      createTime: 3_000,
      startTime: 3_100,
      endTime: 3_900,
      diagnostic: 'done\u0000 🙂',
    }),
  ]
}

describeWithPostgres('postgresStore migration 0004 (ownership and leases), in place', () => {
  let schema: TestSchema
  beforeEach(async () => {
    schema = await createTestSchema()
  })
  afterEach(async () => {
    await schema.drop()
  })

  /** Migrates the schema to 0003 and inserts `records` as that release wrote them. */
  async function atPreviousRelease(records: readonly BatchRecord[]): Promise<void> {
    const db = new Kysely<unknown>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: schema.uri, max: 1 }) }),
    })
    try {
      await migrateToVersion(db, postgresMigrations(schema.name), '0003-add-application-columns', schema.name)
      const { rows } = await schema.raw.query<{ name: string }>(
        "select column_name as name from information_schema.columns where table_schema = $1 and table_name = 'batchgate_batch'",
        [schema.name],
      )
      const columns = new Set(rows.map((row) => row.name))
      for (const record of records) {
        const row = toPostgresRow(batchToRow(record), { insert_token: 'f'.repeat(32), state_token: null })
        // Only the columns that release had: the row as it wrote it.
        const old = Object.fromEntries(Object.entries(row).filter(([column]) => columns.has(column)))
        await db
          .withTables<Tables>()
          .withSchema(schema.name)
          .insertInto('batchgate_batch')
          .values(old)
          .execute()
      }
    } finally {
      await db.destroy()
    }
  }

  it('keeps the rows of the previous release, owned by their creator, priority 10, queued when created', async () => {
    const records = previousRelease()
    await atPreviousRelease(records)
    const before = await schema.batchRows()
    expect(Object.keys(before[0] ?? {})).not.toContain('queued_at')

    const store = postgresStore({ connectionString: schema.uri, schema: schema.name })
    await store.open()
    try {
      for (const record of records) {
        expect(await store.getBatch(record.id)).toEqual({
          ...record,
          ownerInstance: record.createdBy,
          ownerToken: null,
          priority: 10,
        })
      }
    } finally {
      await store.close()
    }
    // The raw client reads bigint as a string (pg's default).
    expect(await schema.batchRows()).toEqual(
      before.map((row) => ({
        ...row,
        owner_instance: row.created_by,
        owner_token: null,
        priority: 10,
        queued_at: row.create_time,
      })),
    )

    const { rows: indexes } = await schema.raw.query<{ name: string; definition: string }>(
      `select indexname as name, indexdef as definition from pg_indexes
        where schemaname = $1 and indexname in ('batchgate_batch_queue', 'batchgate_batch_queued_at',
          'batchgate_batch_owner_token', 'batchgate_batch_owner_instance') order by indexname`,
      [schema.name],
    )
    expect(indexes.map(({ name, definition }) => [name, /\((.*)\)$/.exec(definition)?.[1]])).toEqual([
      ['batchgate_batch_owner_instance', 'owner_instance, state'],
      ['batchgate_batch_owner_token', 'owner_token, state'],
      ['batchgate_batch_queue', 'state, owner_token, priority DESC, queued_at, id'],
      ['batchgate_batch_queued_at', 'state, queued_at'],
    ])
    const { rows: columns } = await schema.raw.query(
      `select table_name as table, column_name as name, data_type as type, collation_name as collation,
          character_maximum_length as length, is_nullable as nullable, column_default as default
        from information_schema.columns
        where table_schema = $1 and (table_name = 'batchgate_instance_lease'
          or column_name in ('owner_instance', 'owner_token', 'priority', 'queued_at', 'created_by'))
        order by table_name, ordinal_position`,
      [schema.name],
    )
    const column = (name: string, type: string, collation: string | null, length: number | null) => ({
      name,
      type,
      collation,
      length,
    })
    expect(columns).toEqual([
      { table: 'batchgate_batch', ...column('created_by', 'text', 'C', null), nullable: 'NO', default: null },
      {
        table: 'batchgate_batch',
        ...column('owner_instance', 'text', 'C', null),
        nullable: 'YES',
        default: null,
      },
      {
        table: 'batchgate_batch',
        ...column('owner_token', 'character varying', 'C', 64),
        nullable: 'YES',
        default: null,
      },
      {
        table: 'batchgate_batch',
        ...column('priority', 'integer', null, null),
        nullable: 'NO',
        default: '10',
      },
      // No default: an insert that forgets queued_at fails rather than queueing the batch at 1970.
      {
        table: 'batchgate_batch',
        ...column('queued_at', 'bigint', null, null),
        nullable: 'NO',
        default: null,
      },
      {
        table: 'batchgate_instance_lease',
        ...column('token', 'character varying', 'C', 64),
        nullable: 'NO',
        default: null,
      },
      {
        table: 'batchgate_instance_lease',
        ...column('instance_id', 'text', 'C', null),
        nullable: 'NO',
        default: null,
      },
      {
        table: 'batchgate_instance_lease',
        ...column('acquired_at', 'bigint', null, null),
        nullable: 'NO',
        default: null,
      },
      {
        table: 'batchgate_instance_lease',
        ...column('expires_at', 'bigint', null, null),
        nullable: 'NO',
        default: null,
      },
    ])
    const { rows: keys } = await schema.raw.query(
      `select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint
        where conrelid = $1::regclass and contype = 'p'`,
      [`"${schema.name}".batchgate_instance_lease`],
    )
    expect(keys).toEqual([{ name: 'batchgate_instance_lease_pkey', definition: 'PRIMARY KEY (token)' }])
  })
})
