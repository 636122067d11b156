import type { MetadataStore } from '@batchgate/core/store'
import { postgresStore } from '../postgres-store.js'
import type { PostgresPoolSettings } from '../postgres-store-options.js'
import {
  corruptRawPostgresBatch,
  deleteRawPostgresBatch,
  readRawPostgresBatches,
  type RawPostgresBatch,
} from './raw-postgres-reader.js'
import { createScratchSchema, dropScratchSchema, withSchema } from './scratch-schema.js'

/** A fresh PostgreSQL schema for one conformance test (structurally a testkit `MetastoreHarness`). */
export interface PostgresHarness {
  /** The server URI (the database the schema is in). */
  readonly uri: string
  /** This harness's own schema. */
  readonly schema: string
  /** `uri?schema=…`: the spec of this schema for `createStoreTarget` (races across processes). */
  readonly spec: string
  newStore(): MetadataStore
  rawBatches(): Promise<RawPostgresBatch[]>
  rawDeleteBatch(id: string): Promise<void>
  rawCorruptBatch(id: string, column: 'conf' | 'args' | 'state', text: string): Promise<void>
  dispose(): Promise<void>
}

/** Where the harness makes its schemas, and the settings of the stores it makes (not `schema`). */
export interface PostgresHarnessOptions extends Omit<PostgresPoolSettings, 'schema'> {
  /** A server URI whose user may create and drop schemas in its database. */
  readonly serverUri: string
}

/**
 * A harness for `@batchgate/testkit`'s conformance suites: each call creates a schema
 * `batchgate_t_<random>`; rows are read back and purged with clients of its own, never through the
 * store under test; `dispose()` closes the stores it made and drops the schema.
 *
 * @example
 * ```ts
 * import { describeEngineConformance } from '@batchgate/testkit'
 * import { postgresHarness } from '@batchgate/store-postgres/testing'
 * describeEngineConformance('postgres', () => postgresHarness({ serverUri: 'postgres://postgres@127.0.0.1:5432/test' }))
 * ```
 */
export async function postgresHarness(options: PostgresHarnessOptions): Promise<PostgresHarness> {
  const { serverUri, ...settings } = options
  const schema = await createScratchSchema(serverUri)
  const stores: MetadataStore[] = []
  return {
    uri: serverUri,
    schema,
    spec: withSchema(serverUri, schema),
    newStore() {
      const store = postgresStore({ ...settings, connectionString: serverUri, schema })
      stores.push(store)
      return store
    },
    rawBatches: () => readRawPostgresBatches(serverUri, schema),
    rawDeleteBatch: (id) => deleteRawPostgresBatch(serverUri, schema, id),
    rawCorruptBatch: (id, column, text) => corruptRawPostgresBatch(serverUri, schema, id, column, text),
    async dispose() {
      await Promise.all(stores.map((store) => store.close()))
      await dropScratchSchema(serverUri, schema)
    },
  }
}
