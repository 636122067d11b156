import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  MIGRATION_LOCK_TABLE,
  MIGRATION_TABLE,
  compiledMigrations,
  migrateToLatest,
  type BatchTables,
  type SqlMigrationPlan,
} from '@batchgate/sql-store'
import Database from 'better-sqlite3'
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'

const directories: string[] = []
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true })
})

function freshDb(): Kysely<BatchTables> {
  const directory = mkdtempSync(join(tmpdir(), 'batchgate-sql-migrations-'))
  directories.push(directory)
  return new Kysely<BatchTables>({
    dialect: new SqliteDialect({ database: new Database(join(directory, 'batchgate.db')) }),
  })
}

/** A plan whose one migration counts its runs. */
function countingPlan(): SqlMigrationPlan & { runs: number } {
  const plan = {
    runs: 0,
    migrations: compiledMigrations({
      '0001-create': {
        async up(db) {
          plan.runs += 1
          await sql`create table batchgate_batch (id text primary key)`.execute(db)
        },
      },
    }),
    async tableExists(db: Kysely<BatchTables>, table: string) {
      const found = await sql`select 1 from sqlite_master where type = 'table' and name = ${table}`.execute(
        db,
      )
      return found.rows.length > 0
    },
  }
  return plan
}

describe('migrateToLatest', () => {
  it('runs each migration once, and leaves a migrated database alone', async () => {
    const db = freshDb()
    const plan = countingPlan()
    try {
      await migrateToLatest(db, plan)
      await migrateToLatest(db, plan)
      expect(plan.runs).toBe(1)
      const recorded = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)}`.execute(db)
      expect(recorded.rows.map((row) => row.name)).toEqual(['0001-create'])
    } finally {
      await db.destroy()
    }
  })

  it('opens a database a newer release migrated further, which kysely’s migrator refuses', async () => {
    const db = freshDb()
    const plan = countingPlan()
    try {
      await migrateToLatest(db, plan)
      // A newer release recorded a migration this one does not know.
      await sql`insert into ${sql.table(MIGRATION_TABLE)} (name, timestamp) values ('0002-from-the-future', '2030-01-01T00:00:00.000Z')`.execute(
        db,
      )
      await expect(migrateToLatest(db, plan)).resolves.toBeUndefined()
      // What the kit spares the store: the migrator itself calls such a database corrupted.
      const migrator = new Migrator({
        db,
        provider: plan.migrations,
        migrationTableName: MIGRATION_TABLE,
        migrationLockTableName: MIGRATION_LOCK_TABLE,
      })
      const { error } = await migrator.migrateToLatest()
      expect(String(error)).toMatch(/corrupted migrations/)
      expect(plan.runs).toBe(1)
    } finally {
      await db.destroy()
    }
  })
})
