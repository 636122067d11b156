import Database from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { BatchRecord } from '@batchgate/core/store'
import { batchToRow } from '@batchgate/sql-store'
import {
  migrateToVersion,
  rowBeforeApplicationColumns,
  rowBeforeOwnershipColumns,
} from '@batchgate/sql-store/testing'
import { sqliteStore } from '@batchgate/store-sqlite'
import { readRawSqliteBatches } from '@batchgate/store-sqlite/testing'
import { sampleRecord } from '@batchgate/testkit'
import { sqliteMigrations } from '../src/migrations/index.js'
import { tempDatabasePath } from './helpers/temp-database.js'

/** The batch table as these raw inserts see it: any columns. */
type Tables = Record<'batchgate_batch', Record<string, unknown>>

describe('sqliteStore migration 0003 (application columns), in place', () => {
  it('opens a file of the previous release with rows in it: rows kept, the new columns null, reports stored', async () => {
    const filename = tempDatabasePath()
    const records = [
      sampleRecord({ state: 'RUNNING', startTime: 7, createTime: 1 }),
      sampleRecord({ state: 'FINISHED', startTime: 7, endTime: 9, diagnostic: 'done', createTime: 2 }),
    ]
    const db = new Kysely<unknown>({
      dialect: new SqliteDialect({ database: new Database(filename) }),
    })
    try {
      await migrateToVersion(db, sqliteMigrations, '0002-add-lifecycle-indexes')
      for (const record of records) {
        await db
          .withTables<Tables>()
          .insertInto('batchgate_batch')
          .values(rowBeforeOwnershipColumns(rowBeforeApplicationColumns(batchToRow(record))))
          .execute()
      }
      const columns = await db.introspection.getTables()
      expect(columns.find((t) => t.name === 'batchgate_batch')?.columns.map((c) => c.name)).not.toContain(
        'app_id',
      )
    } finally {
      await db.destroy()
    }

    const store = sqliteStore({ filename })
    await store.open()
    try {
      for (const record of records) expect(await store.getBatch(record.id)).toEqual(record)
      const running = records[0]
      if (running === undefined) throw new Error('a running record')
      expect(await store.updateApplication(running.id, { from: 'RUNNING', info: { appId: 'app-1' } })).toBe(
        true,
      )
    } finally {
      await store.close()
    }
    expect(readRawSqliteBatches(filename)).toEqual([{ ...records[0], appId: 'app-1' }, records[1]])
    const migrated = new Database(filename, { readonly: true })
    try {
      expect(migrated.prepare('select name from batchgate_migration order by name').all()).toEqual([
        { name: '0001-create-batch-table' },
        { name: '0002-add-lifecycle-indexes' },
        { name: '0003-add-application-columns' },
        { name: '0004-add-ownership-and-lease' },
      ])
    } finally {
      migrated.close()
    }
  })
})

describe('sqliteStore migration 0004 (ownership and leases), in place', () => {
  it('gives existing rows their owner (the creator, no token), priority 10 and queued_at = create_time', async () => {
    const filename = tempDatabasePath()
    const pending = sampleRecord({ createdBy: 'gw-a', createTime: 100 })
    const running = sampleRecord({ createdBy: 'gw-b', createTime: 200, state: 'RUNNING', startTime: 210 })
    const finished = sampleRecord({
      createdBy: 'gw-a',
      createTime: 300,
      state: 'FINISHED',
      startTime: 310,
      endTime: 320,
      appId: 'app-3',
    })
    const db = new Kysely<unknown>({
      dialect: new SqliteDialect({ database: new Database(filename) }),
    })
    try {
      await migrateToVersion(db, sqliteMigrations, '0003-add-application-columns')
      for (const record of [pending, running, finished]) {
        await db
          .withTables<Tables>()
          .insertInto('batchgate_batch')
          .values(rowBeforeOwnershipColumns(batchToRow(record)))
          .execute()
      }
    } finally {
      await db.destroy()
    }

    const store = sqliteStore({ filename })
    await store.open()
    const migrated = (record: BatchRecord): BatchRecord => ({
      ...record,
      ownerInstance: record.createdBy,
      ownerToken: null,
      priority: 10,
    })
    try {
      for (const record of [pending, running, finished]) {
        expect(await store.getBatch(record.id)).toEqual(migrated(record))
      }
      // A restarted gw-a finds its own unfinished batches by owner, and takes them over under its token.
      expect(
        (await store.listBatches({ ownerInstance: 'gw-a', states: ['PENDING', 'RUNNING'], limit: 10 })).map(
          (batch) => batch.id,
        ),
      ).toEqual([pending.id])
      const owner = { instanceId: 'gw-a', token: 'token-a' }
      await store.acquireLease(owner, 60_000)
      expect(
        await store.transferBatch(pending.id, {
          fromInstance: 'gw-a',
          fromToken: null,
          to: owner,
          states: ['PENDING'],
        }),
      ).toBe(true)
    } finally {
      await store.close()
    }

    const raw = new Database(filename, { readonly: true })
    try {
      expect(
        raw
          .prepare(
            'select id, owner_instance, owner_token, priority, queued_at from batchgate_batch order by create_time',
          )
          .all(),
      ).toEqual([
        { id: pending.id, owner_instance: 'gw-a', owner_token: 'token-a', priority: 10, queued_at: 100 },
        { id: running.id, owner_instance: 'gw-b', owner_token: null, priority: 10, queued_at: 200 },
        { id: finished.id, owner_instance: 'gw-a', owner_token: null, priority: 10, queued_at: 300 },
      ])
      const indexes = raw
        .prepare("select name from sqlite_master where type = 'index' and tbl_name = 'batchgate_batch'")
        .all()
      for (const index of ['queue', 'queued_at', 'owner_token', 'owner_instance']) {
        expect(indexes).toContainEqual({ name: `batchgate_batch_${index}` })
      }
      expect(raw.prepare('select instance_id from batchgate_instance_lease').all()).toEqual([
        { instance_id: 'gw-a' },
      ])
      expect(raw.prepare('select name from batchgate_migration order by name').all()).toContainEqual({
        name: '0004-add-ownership-and-lease',
      })
    } finally {
      raw.close()
    }
  })
})
