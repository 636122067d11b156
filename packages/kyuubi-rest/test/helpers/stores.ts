import { findMysqlTestServer, mysqlFixture } from '@batchgate/store-mysql/testing'
import { sqliteFixture } from '@batchgate/store-sqlite/testing'
import type { MetadataStore } from '@batchgate/core/store'

/** A fresh database for one test, and what the test reads back through its own connection. */
export interface TestStore {
  newStore(): MetadataStore
  /** Every stored batch id, read with a raw query (not through the store under test). */
  rawBatchIds(): Promise<string[]>
  dispose(): Promise<void>
}

/** A store kind the REST tests run on, skipped (outside CI only) with a reason when its server is absent. */
export interface StoreKind {
  readonly name: string
  readonly skipReason: string | undefined
  open(): Promise<TestStore>
}

const mysql = await findMysqlTestServer()

/**
 * The stores every REST test runs on: a temporary SQLite file, and a scratch MariaDB/MySQL database on
 * `BATCHGATE_MYSQL_URI` (skipped with a message when no server answers, a failure under CI).
 *
 * @example
 * ```ts
 * describe.each(STORE_KINDS)('on $name', (kind) => { … })
 * ```
 */
export const STORE_KINDS: readonly StoreKind[] = [
  {
    name: 'SQLite',
    skipReason: undefined,
    open() {
      const fixture = sqliteFixture()
      return Promise.resolve({
        newStore: () => fixture.newStore(),
        rawBatchIds: async () => (await fixture.rawBatches()).map((row) => row.id),
        dispose: () => fixture.dispose(),
      })
    },
  },
  {
    name: 'MariaDB',
    skipReason: mysql.skipReason,
    async open() {
      const fixture = await mysqlFixture({ serverUri: mysql.uri, connectionLimit: 4 })
      return {
        newStore: () => fixture.newStore(),
        rawBatchIds: async () => (await fixture.rawBatches()).map((row) => row.id),
        dispose: () => fixture.dispose(),
      }
    },
  },
]
