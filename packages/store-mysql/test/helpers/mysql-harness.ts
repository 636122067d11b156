import type { BatchState, MetadataStore } from '@batchgate/core'
import { mysqlStore, type MysqlPoolSettings } from '@batchgate/store-mysql'
import type { MetastoreHarness, MetastoreHarnessFactory, RawBatchRow } from '@batchgate/testkit'
import { createTestDatabase, type StoredBatchRow } from './test-database.js'

/**
 * The conformance suites' harness for MySQL/MariaDB: a fresh database per harness, read back and
 * purged with the harness's own mysql2 connection, never through the store under test. `dispose`
 * closes the stores it made and drops the database.
 *
 * @example
 * ```ts
 * describeMetastoreConformance('mysql', mysqlHarnessFactory())
 * ```
 */
export function mysqlHarnessFactory(
  settings: MysqlPoolSettings = { connectionLimit: 4 },
): MetastoreHarnessFactory {
  return async () => {
    const database = await createTestDatabase()
    const stores: MetadataStore[] = []
    const harness: MetastoreHarness = {
      newStore() {
        const store = mysqlStore({ uri: database.uri, ...settings })
        stores.push(store)
        return store
      },
      async rawBatches() {
        return (await database.batchRows()).map(toRawBatchRow)
      },
      async rawDeleteBatch(id) {
        await database.raw.execute('delete from batchgate_batch where id = ?', [id])
      },
      async dispose() {
        await Promise.all(stores.map((store) => store.close()))
        await database.drop()
      },
    }
    return harness
  }
}

function toRawBatchRow(row: StoredBatchRow): RawBatchRow {
  return {
    id: row.id,
    owner: row.owner,
    batchType: row.batch_type,
    resource: row.resource,
    className: row.class_name,
    name: row.name,
    conf: JSON.parse(row.conf) as Record<string, string>,
    args: JSON.parse(row.args) as string[],
    fingerprint: row.fingerprint,
    state: row.state as BatchState,
    createTime: row.create_time,
    startTime: row.start_time,
    endTime: row.end_time,
    diagnostic: row.diagnostic,
    createdBy: row.created_by,
  }
}
