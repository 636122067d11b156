import type { MetadataStore } from '@batchgate/core/store'
import { postgresStore } from '../postgres-store.js'
import type { PostgresPoolSettings } from '../postgres-store-options.js'
import {
  corruptRawPostgresBatch,
  deleteRawPostgresBatch,
  readRawPostgresBatches,
  type RawPostgresBatch,
} from './raw-postgres-reader.js'
import { rawPool, type RawPool } from './raw-connection.js'
import { createScratchSchema, dropScratchSchema, redactUri, splitSpec, withSchema } from './scratch-schema.js'

/** This entry, as the module a race worker imports to reopen a fixture (see `reopen`). */
const THIS_MODULE = '@batchgate/store-postgres/testing'
/** Connections per store a spec fixture makes: many simulated instances share one server's budget. */
const SPEC_CONNECTION_LIMIT = 4
/** The budget of `checkReachable` without a `connectTimeoutMs`. */
const DEFAULT_CHECK_MS = 5000

/**
 * A PostgreSQL schema under test: testkit's `StoreFixture`, declared here by shape because a store
 * package does not depend on the testkit (the testkit loads store packages). The suites' signatures
 * check it.
 */
export interface PostgresFixture {
  /** The connection string (the database the schema is in; it may hold a password). */
  readonly uri: string
  /** The fixture's schema. */
  readonly schema: string
  /** The spec without its password. */
  readonly description: string
  /** `uri?schema=…`: how a race worker reopens this schema. */
  readonly reopen: { readonly module: string; readonly spec: string }
  newStore(): MetadataStore
  rawBatches(): Promise<RawPostgresBatch[]>
  rawDeleteBatch(id: string): Promise<void>
  rawCorruptBatch(id: string, column: 'conf' | 'args' | 'state', text: string): Promise<void>
  /**
   * Opens one store (creating the tables) within the connect timeout; rejects with the driver's error
   * (`ECONNREFUSED`, `ENOTFOUND`, SQLSTATE `28P01`, …) in the cause chain when it cannot.
   */
  checkReachable(): Promise<void>
  /** Closes the stores it made; a scratch fixture also drops its schema. */
  dispose(): Promise<void>
}

/** Where {@link postgresFixture} makes its schemas, and the settings of the stores it makes (not `schema`). */
export interface PostgresFixtureOptions extends Omit<PostgresPoolSettings, 'schema'> {
  /** A server URI whose user may create and drop schemas in its database. */
  readonly serverUri: string
}

/** How a fixture opened on a spec connects (structurally testkit's `StoreFixtureOptions`). */
export interface PostgresSpecOptions {
  /**
   * How long reaching the server may take, retries included: the connect timeout of the stores, and
   * the whole budget of `checkReachable`.
   */
  readonly connectTimeoutMs?: number
}

/** Whether `spec` names a PostgreSQL database (`postgres://…`, `postgresql://…`, `?schema=` optional). */
export function handles(spec: string): boolean {
  return /^postgres(ql)?:\/\//.test(spec)
}

/**
 * A fixture on a new schema `batchgate_t_<random>`, which `dispose()` drops after closing the stores it
 * made: one per test of `@batchgate/testkit`'s suites. Rows are read back, deleted and corrupted with
 * clients of its own, never through the store under test.
 *
 * @example
 * ```ts
 * import { describeStoreConformance } from '@batchgate/testkit'
 * import { postgresFixture } from '@batchgate/store-postgres/testing'
 * describeStoreConformance('postgres', () => postgresFixture({ serverUri: 'postgres://postgres@127.0.0.1:5432/test' }))
 * ```
 */
export async function postgresFixture(options: PostgresFixtureOptions): Promise<PostgresFixture> {
  const { serverUri, ...settings } = options
  const raw = rawPool(serverUri)
  let schema: string
  try {
    schema = await createScratchSchema(raw)
  } catch (error) {
    await raw.end()
    throw error
  }
  return fixtureOn(serverUri, schema, settings, raw, () => dropScratchSchema(raw, schema))
}

/**
 * The fixture `batchgate-simulate --store postgres://…[?schema=name]` and race workers open: stores
 * (pools of 4 connections each) in that schema (default `public`). The tables are created on first
 * open and never dropped.
 *
 * @example
 * ```ts
 * const fixture = createStoreFixture('postgres://postgres@127.0.0.1:5432/test?schema=race', { connectTimeoutMs: 5000 })
 * await fixture.checkReachable()
 * ```
 */
export function createStoreFixture(spec: string, options: PostgresSpecOptions = {}): PostgresFixture {
  if (!handles(spec)) {
    throw new Error(
      `a PostgreSQL fixture is named postgres://user:password@host:port/database[?schema=name], got ${redactSpec(spec)}`,
    )
  }
  const { connectionString, schema } = splitSpec(spec)
  const { connectTimeoutMs } = options
  const settings = {
    max: SPEC_CONNECTION_LIMIT,
    ...(connectTimeoutMs === undefined ? {} : { connectTimeoutMs }),
  }
  return fixtureOn(
    connectionString,
    schema,
    settings,
    rawPool(connectionString),
    () => Promise.resolve(),
    connectTimeoutMs,
  )
}

function fixtureOn(
  uri: string,
  schema: string,
  settings: Omit<PostgresPoolSettings, 'schema'>,
  raw: RawPool,
  release: () => Promise<void>,
  connectTimeoutMs?: number,
): PostgresFixture {
  const spec = withSchema(uri, schema)
  const stores: MetadataStore[] = []
  return {
    uri,
    schema,
    description: redactUri(spec),
    reopen: { module: THIS_MODULE, spec },
    newStore() {
      const store = postgresStore({ ...settings, connectionString: uri, schema })
      stores.push(store)
      return store
    },
    rawBatches: () => readRawPostgresBatches(raw, schema),
    rawDeleteBatch: (id) => deleteRawPostgresBatch(raw, schema, id),
    rawCorruptBatch: (id, column, text) => corruptRawPostgresBatch(raw, schema, id, column, text),
    async checkReachable() {
      // One store whose retry budget is the connect timeout: a refused or unknown server fails in
      // that time with the driver's error as the cause, not after the default 30 s of retries.
      const budget = connectTimeoutMs ?? DEFAULT_CHECK_MS
      const probe = postgresStore({
        connectionString: uri,
        schema,
        max: 1,
        connectTimeoutMs: budget,
        retryForMs: budget,
      })
      try {
        await probe.open()
      } finally {
        await probe.close()
      }
    },
    async dispose() {
      await Promise.all(stores.splice(0).map((store) => store.close()))
      try {
        await release()
      } finally {
        await raw.end()
      }
    },
  }
}

/** A spec that may not even be a URL, without a password. */
function redactSpec(spec: string): string {
  try {
    return redactUri(spec)
  } catch {
    return '(not a URL)'
  }
}
