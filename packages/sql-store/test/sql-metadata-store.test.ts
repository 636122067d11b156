import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CORRUPTIBLE_COLUMNS, RAW_BATCHES_SQL, rawBatchFromRow } from '@batchgate/sql-store/testing'
import type { BatchRow, SqlQueryDialect } from '@batchgate/sql-store'
import {
  describeEngineConformance,
  describeMetastoreConformance,
  type StoreFixture,
} from '@batchgate/testkit'
import Database from 'better-sqlite3'
import { sql } from 'kysely'
import { DefaultsOnlyStore } from './helpers/defaults-only-store.js'

/**
 * A fresh file whose schema one store has already migrated (the kit's minimal plan has no migration
 * lock, so stores opened at once must not all migrate), read back through a connection of its own.
 */
async function defaultsOnlyFixture(queries: SqlQueryDialect = {}): Promise<StoreFixture> {
  const directory = mkdtempSync(join(tmpdir(), 'batchgate-sql-store-'))
  const filename = join(directory, 'batchgate.db')
  const first = new DefaultsOnlyStore(filename)
  await first.open()
  await first.close()
  const raw = <T>(use: (database: Database.Database) => T): Promise<T> => {
    const database = new Database(filename, { timeout: 5000 })
    try {
      return Promise.resolve(use(database))
    } finally {
      database.close()
    }
  }
  return {
    newStore: () => new DefaultsOnlyStore(filename, queries),
    rawBatches: () =>
      raw((database) => (database.prepare(RAW_BATCHES_SQL).all() as BatchRow[]).map(rawBatchFromRow)),
    rawDeleteBatch: async (id) => {
      await raw((database) => database.prepare('delete from batchgate_batch where id = ?').run(id))
    },
    rawCorruptBatch: async (id, column, text) => {
      await raw((database) =>
        database
          .prepare(`update batchgate_batch set ${CORRUPTIBLE_COLUMNS[column]} = ? where id = ?`)
          .run(text, id),
      )
    },
    dispose: () => {
      rmSync(directory, { recursive: true, force: true })
      return Promise.resolve()
    },
  }
}

// A store that overrides no port method passes the same suites as the SQLite and MySQL stores: the
// kit's defaults (insert, read, compare-and-set, list, purge) are a conforming metastore by themselves.
describeMetastoreConformance('SqlMetadataStore defaults', defaultsOnlyFixture)
describeEngineConformance('SqlMetadataStore defaults', defaultsOnlyFixture)

/**
 * The forms PostgreSQL's dialect picks, where SQLite can run them: the keyset as a row comparison,
 * and free text written through the dialect's `storedText` (here a plain parameter, so that a value
 * written to the wrong column, or a null made into a value, shows).
 */
const OTHER_FORMS: SqlQueryDialect = {
  keyset: 'row-value',
  storedText: (value) => sql<string>`${value}`,
  canHoldText: (value) => !value.includes('\0'),
}
describeMetastoreConformance('SqlMetadataStore defaults, other query forms', () =>
  defaultsOnlyFixture(OTHER_FORMS),
)
