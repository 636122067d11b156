import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { batchToRow } from '@batchgate/sql-store'
import {
  migrateToVersion,
  rowBeforeApplicationColumns,
  rowBeforeOwnershipColumns,
} from '@batchgate/sql-store/testing'
import { postgresStore } from '@batchgate/store-postgres'
import { readRawPostgresBatches } from '@batchgate/store-postgres/testing'
import { sampleRecord } from '@batchgate/testkit'
import { toPostgresRow } from '../src/postgres-batch-row.js'
import { postgresMigrations } from '../src/migrations/index.js'
import { describeWithPostgres } from './helpers/postgres-server.js'
import { createTestSchema, type TestSchema } from './helpers/test-schema.js'

/** The batch table as these raw inserts see it: any columns. */
type Tables = Record<'batchgate_batch', Record<string, unknown>>

describeWithPostgres('postgresStore migration 0003 (application columns), in place', () => {
  let schema: TestSchema
  beforeEach(async () => {
    schema = await createTestSchema()
  })
  afterEach(async () => {
    await schema.drop()
  })

  it('opens a schema of the previous release with rows in it: rows kept, the new columns null, reports stored', async () => {
    const records = [
      sampleRecord({ state: 'RUNNING', startTime: 7, createTime: 1 }),
      sampleRecord({ state: 'FINISHED', startTime: 7, endTime: 9, diagnostic: 'done\u0000', createTime: 2 }),
    ]
    const db = new Kysely<unknown>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: schema.uri, max: 1 }) }),
    })
    try {
      await migrateToVersion(db, postgresMigrations(schema.name), '0002-add-lifecycle-indexes', schema.name)
      for (const record of records) {
        const row = toPostgresRow(batchToRow(record), { insert_token: 'f'.repeat(32), state_token: null })
        await db
          .withTables<Tables>()
          .withSchema(schema.name)
          .insertInto('batchgate_batch')
          .values(rowBeforeOwnershipColumns(rowBeforeApplicationColumns(row)))
          .execute()
      }
    } finally {
      await db.destroy()
    }
    const before = await schema.raw.query(
      "select column_name from information_schema.columns where table_schema = $1 and column_name like 'app\\_%'",
      [schema.name],
    )
    expect(before.rows).toEqual([])

    const store = postgresStore({ connectionString: schema.uri, schema: schema.name })
    await store.open()
    try {
      for (const record of records) expect(await store.getBatch(record.id)).toEqual(record)
      const running = records[0]
      if (running === undefined) throw new Error('a running record')
      const info = { appId: 'app-1', appDiagnostic: 'a\u0000b' }
      expect(await store.updateApplication(running.id, { from: 'RUNNING', info })).toBe(true)
    } finally {
      await store.close()
    }
    expect(await readRawPostgresBatches(schema.uri, schema.name)).toEqual([
      { ...records[0], appId: 'app-1', appDiagnostic: 'a\u0000b' },
      records[1],
    ])
    const names = await schema.raw.query(
      `select name from "${schema.name}".batchgate_migration order by name`,
    )
    expect(names.rows).toEqual([
      { name: '0001-create-batch-table' },
      { name: '0002-add-lifecycle-indexes' },
      { name: '0003-add-application-columns' },
      { name: '0004-add-ownership-and-lease' },
    ])
  })
})
