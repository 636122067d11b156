import type { BatchRecord } from '@batchgate/core/store'
import { batchToRow } from '@batchgate/sql-store'
import { migrateToVersion } from '@batchgate/sql-store/testing'
import { mysqlStore } from '@batchgate/store-mysql'
import { sampleRecord } from '@batchgate/testkit'
import { Kysely, MysqlDialect } from 'kysely'
import { createPool } from 'mysql2'
import type { RowDataPacket } from 'mysql2/promise'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { mysqlMigrations } from '../src/migrations/index.js'
import { describeWithMysql } from './helpers/mysql-server.js'
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js'

const MIGRATION = '0004-add-ownership-and-lease'
/** 0004's indexes and their key parts: [column, prefix length]. */
const INDEXES: Readonly<Record<string, readonly (readonly [string, number | null])[]>> = {
  batchgate_batch_queue: [
    ['state', null],
    ['owner_token', null],
    ['priority', null],
    ['queued_at', null],
    ['id', null],
  ],
  batchgate_batch_queued_at: [
    ['state', null],
    ['queued_at', null],
  ],
  batchgate_batch_owner_token: [
    ['owner_token', null],
    ['state', null],
  ],
  batchgate_batch_owner_instance: [
    ['owner_instance', 191],
    ['state', null],
  ],
}

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
      diagnostic: 'done 🙂',
    }),
  ]
}

describeWithMysql('mysqlStore migration 0004 (ownership and leases), in place', () => {
  let database: TestDatabase
  beforeEach(async () => {
    database = await createTestDatabase()
  })
  afterEach(async () => {
    await database.drop()
  })

  async function query<T extends RowDataPacket>(statement: string, values: unknown[] = []): Promise<T[]> {
    const [rows] = await database.raw.query<T[]>(statement, values)
    return rows
  }

  /** Every batch row as stored, every column, by id. */
  const storedRows = () => query('select * from batchgate_batch order by id')

  /** Migrates a fresh database to `version` and inserts `records` as that release wrote them. */
  async function atVersion(version: string, records: readonly BatchRecord[]): Promise<void> {
    const db = new Kysely<unknown>({ dialect: new MysqlDialect({ pool: createPool({ uri: database.uri }) }) })
    try {
      await migrateToVersion(db, mysqlMigrations, version)
    } finally {
      await db.destroy()
    }
    const columns = new Set(
      (await query<RowDataPacket & { Field: string }>('show columns from batchgate_batch')).map(
        (c) => c.Field,
      ),
    )
    for (const record of records) {
      const row = { ...batchToRow(record), insert_token: 'f'.repeat(32) }
      // Only the columns that release had: the row as it wrote it.
      const old = Object.fromEntries(Object.entries(row).filter(([column]) => columns.has(column)))
      await database.raw.query('insert into batchgate_batch set ?', [old])
    }
  }

  /** The rows as 0004 leaves them: every value kept, owned by their creator, priority 10, queued when created. */
  function migrated(rows: readonly RowDataPacket[]): Record<string, unknown>[] {
    return rows.map((row) => ({
      ...row,
      owner_instance: row.created_by as string,
      owner_token: null,
      priority: 10,
      queued_at: row.create_time as number,
    }))
  }

  async function migrationNames(): Promise<string[]> {
    const rows = await query<RowDataPacket & { name: string }>(
      'select name from batchgate_migration order by name',
    )
    return rows.map((row) => row.name)
  }

  /** 0004's indexes as the server has them: name → [column, prefix] in key order. */
  async function ownershipIndexes(): Promise<Record<string, [string, number | null][]>> {
    const parts = await query<RowDataPacket & { name: string; column: string; subPart: number | null }>(
      `select index_name as name, column_name as \`column\`, sub_part as subPart from information_schema.statistics
        where table_schema = ? and table_name = 'batchgate_batch' and index_name in (?) order by index_name, seq_in_index`,
      [database.name, Object.keys(INDEXES)],
    )
    const indexes: Record<string, [string, number | null][]> = {}
    for (const part of parts) (indexes[part.name] ??= []).push([part.column, part.subPart])
    return indexes
  }

  async function leaseColumns(): Promise<Record<string, unknown>[]> {
    return query(
      `select column_name as name, data_type as type, character_maximum_length as length,
          character_set_name as charset, is_nullable as nullable, column_key as \`key\`
        from information_schema.columns where table_schema = ? and table_name = 'batchgate_instance_lease'
        order by ordinal_position`,
      [database.name],
    )
  }

  it('keeps the rows of the previous release, owned by their creator, priority 10, queued when created', async () => {
    const records = previousRelease()
    await atVersion('0003-add-application-columns', records)
    const before = await storedRows()
    expect(Object.keys(before[0] ?? {})).not.toContain('queued_at')

    const store = mysqlStore({ uri: database.uri })
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
    expect(await storedRows()).toEqual(migrated(before))
    expect(await migrationNames()).toContain(MIGRATION)
    expect(await ownershipIndexes()).toEqual(INDEXES)
    expect(await leaseColumns()).toEqual([
      { name: 'token', type: 'varchar', length: 64, charset: 'utf8mb4', nullable: 'NO', key: 'PRI' },
      {
        name: 'instance_id',
        type: 'mediumtext',
        length: 16_777_215,
        charset: 'utf8mb4',
        nullable: 'NO',
        key: '',
      },
      { name: 'acquired_at', type: 'bigint', length: null, charset: null, nullable: 'NO', key: '' },
      { name: 'expires_at', type: 'bigint', length: null, charset: null, nullable: 'NO', key: '' },
    ])
    const [queuedAt] = await query(
      "select is_nullable as nullable, column_default as `default` from information_schema.columns where table_schema = ? and table_name = 'batchgate_batch' and column_name = 'queued_at'",
      [database.name],
    )
    // No default: an insert that forgets queued_at fails rather than queueing the batch at 1970.
    expect(queuedAt).toEqual({ nullable: 'NO', default: null })
  })

  // MySQL commits each DDL statement on its own: a crash can leave 0004 at any of these points, with
  // its record missing. Each state is built from a completed 0004, undone back to that point.
  it.each<[string, string[]]>([
    [
      'after adding its columns',
      [
        "update batchgate_batch set queued_at = 0, owner_instance = null where insert_token = repeat('f', 32)",
        ...Object.keys(INDEXES).map((index) => `drop index ${index} on batchgate_batch`),
        'drop table batchgate_instance_lease',
      ],
    ],
    [
      'after the backfill and two of its indexes',
      [
        'drop index batchgate_batch_owner_token on batchgate_batch',
        'drop index batchgate_batch_owner_instance on batchgate_batch',
        'drop table batchgate_instance_lease',
      ],
    ],
    ['after all its steps, before its record', []],
  ])('finishes a 0004 that stopped %s, leaving newer rows alone', async (_point, undo) => {
    const records = previousRelease()
    await atVersion('0003-add-application-columns', records)
    const before = await storedRows()
    const db = new Kysely<unknown>({ dialect: new MysqlDialect({ pool: createPool({ uri: database.uri }) }) })
    try {
      await migrateToVersion(db, mysqlMigrations, MIGRATION)
    } finally {
      await db.destroy()
    }
    // A row the new release wrote (queued by nobody, priority 3): the backfill must not touch it.
    const newer = {
      ...batchToRow(sampleRecord({ createTime: 5_000 })),
      owner_instance: null,
      owner_token: null,
      priority: 3,
      queued_at: 5_123,
      insert_token: 'e'.repeat(32),
    }
    await database.raw.query('insert into batchgate_batch set ?', [newer])
    for (const statement of undo) await database.raw.query(statement)
    await database.raw.query('delete from batchgate_migration where name = ?', [MIGRATION])

    const store = mysqlStore({ uri: database.uri })
    await store.open()
    await store.close()
    const rows = await storedRows()
    expect(rows.filter((row) => row.id !== newer.id)).toEqual(migrated(before))
    expect(rows.find((row) => row.id === newer.id)).toMatchObject({
      owner_instance: null,
      owner_token: null,
      priority: 3,
      queued_at: 5_123,
    })
    expect(await ownershipIndexes()).toEqual(INDEXES)
    expect(await leaseColumns()).toHaveLength(4)
    expect((await migrationNames()).filter((name) => name === MIGRATION)).toHaveLength(1)
  })
})
