import type { MetadataStore } from '@batchgate/core/store'
import { mysqlStore } from '../mysql-store.js'
import type { MysqlPoolSettings } from '../mysql-store-options.js'
import {
  corruptRawMysqlBatch,
  deleteRawMysqlBatch,
  readRawMysqlBatches,
  type RawMysqlBatch,
} from './raw-mysql-reader.js'
import { createScratchDatabase, dropScratchDatabase } from './scratch-database.js'

/** A fresh MySQL database for one conformance test (structurally a testkit `MetastoreHarness`). */
export interface MysqlHarness {
  /** The URI of this harness's own database. */
  readonly uri: string
  newStore(): MetadataStore
  rawBatches(): Promise<RawMysqlBatch[]>
  rawDeleteBatch(id: string): Promise<void>
  rawCorruptBatch(id: string, column: 'conf' | 'args' | 'state', text: string): Promise<void>
  dispose(): Promise<void>
}

/** Where the harness makes its databases, and the settings of the stores it makes. */
export interface MysqlHarnessOptions extends MysqlPoolSettings {
  /** A server URI whose user may create and drop databases. */
  readonly serverUri: string
}

/**
 * A harness for `@batchgate/testkit`'s conformance suites: each call creates a database
 * `batchgate_t_<random>`; rows are read back and purged with connections of its own, never through the
 * store under test; `dispose()` closes the stores it made and drops the database.
 *
 * @example
 * ```ts
 * import { describeEngineConformance } from '@batchgate/testkit'
 * import { mysqlHarness } from '@batchgate/store-mysql/testing'
 * describeEngineConformance('mysql', () => mysqlHarness({ serverUri: 'mysql://root@127.0.0.1:3306/test' }))
 * ```
 */
export async function mysqlHarness(options: MysqlHarnessOptions): Promise<MysqlHarness> {
  const { serverUri, ...settings } = options
  const uri = await createScratchDatabase(serverUri)
  const stores: MetadataStore[] = []
  return {
    uri,
    newStore() {
      const store = mysqlStore({ ...settings, uri })
      stores.push(store)
      return store
    },
    rawBatches: () => readRawMysqlBatches(uri),
    rawDeleteBatch: (id) => deleteRawMysqlBatch(uri, id),
    rawCorruptBatch: (id, column, text) => corruptRawMysqlBatch(uri, id, column, text),
    async dispose() {
      await Promise.all(stores.map((store) => store.close()))
      await dropScratchDatabase(uri)
    },
  }
}
