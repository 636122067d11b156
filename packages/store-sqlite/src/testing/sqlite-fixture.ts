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

const PREFIX = 'sqlite:'
/** This entry, as the module a race worker imports to reopen a fixture (see `reopen`). */
const THIS_MODULE = '@batchgate/store-sqlite/testing'

/**
 * A SQLite file under test: testkit's `StoreFixture`, declared here by shape because a store package
 * does not depend on the testkit (the testkit loads store packages). The suites' signatures check it.
 */
export interface SqliteFixture {
  readonly filename: string
  readonly description: string
  readonly reopen: { readonly module: string; readonly spec: string }
  newStore(): MetadataStore
  rawBatches(): Promise<RawSqliteBatch[]>
  rawDeleteBatch(id: string): Promise<void>
  rawCorruptBatch(id: string, column: 'conf' | 'args' | 'state', text: string): Promise<void>
  dispose(): Promise<void>
}

/** Whether `spec` names a SQLite file (`sqlite:<file>`): `batchgate-simulate` asks before opening it. */
export function handles(spec: string): boolean {
  return spec.startsWith(PREFIX) && spec.length > PREFIX.length
}

/**
 * A fixture on a new file in a new temporary folder, which `dispose()` removes: one per test of
 * `@batchgate/testkit`'s suites.
 *
 * @example
 * ```ts
 * import { describeStoreConformance } from '@batchgate/testkit'
 * import { sqliteFixture } from '@batchgate/store-sqlite/testing'
 * describeStoreConformance('sqlite', () => sqliteFixture())
 * ```
 */
export function sqliteFixture(options: Omit<SqliteStoreOptions, 'filename'> = {}): SqliteFixture {
  const directory = mkdtempSync(join(tmpdir(), 'batchgate-conformance-'))
  return fixtureOn(join(directory, 'batchgate.db'), options, () => {
    rmSync(directory, { recursive: true, force: true })
  })
}

/**
 * The fixture `batchgate-simulate --store sqlite:<file>` and race workers open: stores on that file
 * (created if missing) and a raw read-back through a connection of its own. Nothing is ever deleted.
 *
 * @example
 * ```ts
 * const fixture = createStoreFixture('sqlite:/var/lib/gateway/batchgate.db')
 * ```
 */
export function createStoreFixture(spec: string): SqliteFixture {
  if (!handles(spec)) throw new Error(`a SQLite fixture is named sqlite:<file>, got ${spec}`)
  return fixtureOn(spec.slice(PREFIX.length), {}, () => undefined)
}

function fixtureOn(
  filename: string,
  options: Omit<SqliteStoreOptions, 'filename'>,
  release: () => void,
): SqliteFixture {
  return {
    filename,
    description: `${PREFIX}${filename}`,
    reopen: { module: THIS_MODULE, spec: `${PREFIX}${filename}` },
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
      release()
      return Promise.resolve()
    },
  }
}
