import type { MetadataStore } from '@batchgate/core/store'
import { mysqlStore } from '../mysql-store.js'
import type { MysqlPoolSettings } from '../mysql-store-options.js'
import {
  corruptRawMysqlBatch,
  deleteRawMysqlBatch,
  readRawMysqlBatches,
  type RawMysqlBatch,
} from './raw-mysql-reader.js'
import { createScratchDatabase, dropScratchDatabase, redactUri } from './scratch-database.js'

/** This entry, as the module a race worker imports to reopen a fixture (see `reopen`). */
const THIS_MODULE = '@batchgate/store-mysql/testing'
/** Connections per store a spec fixture makes: many simulated instances share one server's budget. */
const SPEC_CONNECTION_LIMIT = 4
/** The budget of `checkReachable` without a `connectTimeoutMs`. */
const DEFAULT_CHECK_MS = 5000

/**
 * A MySQL/MariaDB database under test: testkit's `StoreFixture`, declared here by shape because a store
 * package does not depend on the testkit (the testkit loads store packages). The suites' signatures
 * check it.
 */
export interface MysqlFixture {
  /** The URI of the fixture's database (it may hold a password: see `description`). */
  readonly uri: string
  /** The URI without its password. */
  readonly description: string
  readonly reopen: { readonly module: string; readonly spec: string }
  newStore(): MetadataStore
  rawBatches(): Promise<RawMysqlBatch[]>
  rawDeleteBatch(id: string): Promise<void>
  rawCorruptBatch(id: string, column: 'conf' | 'args' | 'state', text: string): Promise<void>
  /**
   * Opens one store (creating the tables) within the connect timeout; rejects with the driver's error
   * (`ECONNREFUSED`, `ENOTFOUND`, `ER_ACCESS_DENIED_ERROR`, …) in the cause chain when it cannot.
   */
  checkReachable(): Promise<void>
  /** Closes the stores it made; a scratch fixture also drops its database. */
  dispose(): Promise<void>
}

/** Where {@link mysqlFixture} makes its databases, and the settings of the stores it makes. */
export interface MysqlFixtureOptions extends MysqlPoolSettings {
  /** A server URI whose user may create and drop databases. */
  readonly serverUri: string
}

/** How a fixture opened on a spec connects (structurally testkit's `StoreFixtureOptions`). */
export interface MysqlSpecOptions {
  /**
   * How long reaching the server may take, retries included: the connect timeout of the stores, and
   * the whole budget of `checkReachable`.
   */
  readonly connectTimeoutMs?: number
}

/** Whether `spec` names a MySQL/MariaDB database (`mysql://…`, `mariadb://…`). */
export function handles(spec: string): boolean {
  return /^(mysql|mariadb):\/\//.test(spec)
}

/**
 * A fixture on a new database `batchgate_t_<random>`, which `dispose()` drops after closing the stores
 * it made: one per test of `@batchgate/testkit`'s suites. Rows are read back, deleted and corrupted
 * with connections of its own, never through the store under test.
 *
 * @example
 * ```ts
 * import { describeStoreConformance } from '@batchgate/testkit'
 * import { mysqlFixture } from '@batchgate/store-mysql/testing'
 * describeStoreConformance('mysql', () => mysqlFixture({ serverUri: 'mysql://root@127.0.0.1:3306/test' }))
 * ```
 */
export async function mysqlFixture(options: MysqlFixtureOptions): Promise<MysqlFixture> {
  const { serverUri, ...settings } = options
  const uri = await createScratchDatabase(serverUri)
  return fixtureOn(uri, settings, () => dropScratchDatabase(uri))
}

/**
 * The fixture `batchgate-simulate --store mysql://…` and race workers open: stores (pools of 4
 * connections each) on that database. The tables are created on first open and never dropped.
 *
 * @example
 * ```ts
 * const fixture = createStoreFixture('mysql://root@127.0.0.1:3306/race', { connectTimeoutMs: 5000 })
 * await fixture.checkReachable()
 * ```
 */
export function createStoreFixture(spec: string, options: MysqlSpecOptions = {}): MysqlFixture {
  if (!handles(spec)) {
    throw new Error(
      `a MySQL fixture is named mysql://user:password@host:port/database, got ${redactUri(spec)}`,
    )
  }
  const { connectTimeoutMs } = options
  const settings = {
    connectionLimit: SPEC_CONNECTION_LIMIT,
    ...(connectTimeoutMs === undefined ? {} : { connectTimeoutMs }),
  }
  return fixtureOn(spec, settings, () => Promise.resolve(), connectTimeoutMs)
}

function fixtureOn(
  uri: string,
  settings: MysqlPoolSettings,
  release: () => Promise<void>,
  connectTimeoutMs?: number,
): MysqlFixture {
  const stores: MetadataStore[] = []
  return {
    uri,
    description: redactUri(uri),
    reopen: { module: THIS_MODULE, spec: uri },
    newStore() {
      const store = mysqlStore({ ...settings, uri })
      stores.push(store)
      return store
    },
    rawBatches: () => readRawMysqlBatches(uri),
    rawDeleteBatch: (id) => deleteRawMysqlBatch(uri, id),
    rawCorruptBatch: (id, column, text) => corruptRawMysqlBatch(uri, id, column, text),
    async checkReachable() {
      // One store whose retry budget is the connect timeout: a refused or unknown server fails in
      // that time with the driver's error as the cause, not after the default 30 s of retries.
      const budget = connectTimeoutMs ?? DEFAULT_CHECK_MS
      const probe = mysqlStore({ uri, connectionLimit: 1, connectTimeoutMs: budget, retryForMs: budget })
      try {
        await probe.open()
      } finally {
        await probe.close()
      }
    },
    async dispose() {
      await Promise.all(stores.splice(0).map((store) => store.close()))
      await release()
    },
  }
}
