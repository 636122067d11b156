import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { MetadataStore } from '@batchgate/core/store'
import { sqliteStore } from '../sqlite-store.js'
import type { SqliteStoreOptions } from '../sqlite-store-options.js'
import {
  corruptRawSqliteBatch,
  deleteRawSqliteBatch,
  readRawSqliteBatches,
  type RawSqliteBatch,
} from './raw-sqlite-reader.js'

/** A fresh SQLite file for one conformance test (structurally a testkit `MetastoreHarness`). */
export interface SqliteHarness {
  readonly filename: string
  newStore(): MetadataStore
  rawBatches(): Promise<RawSqliteBatch[]>
  rawDeleteBatch(id: string): Promise<void>
  rawCorruptBatch(id: string, column: 'conf' | 'args' | 'state', text: string): Promise<void>
  dispose(): Promise<void>
}

/**
 * A harness factory for `@batchgate/testkit`'s conformance suites: each call makes a new file in a
 * temporary folder, removed by `dispose()`.
 *
 * @example
 * ```ts
 * import { describeEngineConformance } from '@batchgate/testkit'
 * import { sqliteHarness } from '@batchgate/store-sqlite/testing'
 * describeEngineConformance('sqlite', () => sqliteHarness())
 * ```
 */
export function sqliteHarness(options: Omit<SqliteStoreOptions, 'filename'> = {}): Promise<SqliteHarness> {
  const directory = mkdtempSync(join(tmpdir(), 'batchgate-conformance-'))
  const filename = join(directory, 'batchgate.db')
  return Promise.resolve({
    filename,
    newStore: () => sqliteStore({ ...options, filename }),
    rawBatches: () => Promise.resolve(readRawSqliteBatches(filename)),
    rawDeleteBatch: (id) => {
      deleteRawSqliteBatch(filename, id)
      return Promise.resolve()
    },
    rawCorruptBatch: (id, column, text) => {
      corruptRawSqliteBatch(filename, id, column, text)
      return Promise.resolve()
    },
    dispose: () => {
      rmSync(directory, { recursive: true, force: true })
      return Promise.resolve()
    },
  })
}
