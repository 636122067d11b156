import { createScratchSchema, dropScratchSchema } from '@batchgate/store-postgres/testing'
import pg from 'pg'
import { POSTGRES_URI } from './postgres-server.js'

/** A batch row read back with raw SQL, every column as pg returns it (bytea as Buffer, bigint as string). */
export interface StoredBatchRow {
  id: string
  owner: string
  state: string
  created_by: string
  create_time: string
  start_time: string | null
  end_time: string | null
  resource: Buffer
  conf: string
  args: string
  insert_token: string
  state_token: string | null
  [column: string]: unknown
}

/**
 * A fresh schema of its own in the test database, with a raw client for assertions that must not
 * trust the code under test. `drop()` removes it.
 */
export interface TestSchema {
  /** The schema's name, for `postgresStore({ schema })`. */
  readonly name: string
  /** The server URI (the schema's database), for stores. */
  readonly uri: string
  /** The raw client (its own, not a store's). */
  readonly raw: pg.Client
  /** `"schema".batchgate_batch`, for raw SQL. */
  readonly table: string
  /** Every batch row, by id. */
  batchRows(): Promise<StoredBatchRow[]>
  drop(): Promise<void>
}

/**
 * Creates `batchgate_t_<random>` in the database of {@link POSTGRES_URI}.
 *
 * @example
 * ```ts
 * const schema = await createTestSchema()
 * const store = postgresStore({ connectionString: schema.uri, schema: schema.name })
 * ```
 */
export async function createTestSchema(): Promise<TestSchema> {
  const name = await createScratchSchema(POSTGRES_URI)
  const raw = new pg.Client({ connectionString: POSTGRES_URI, application_name: 'batchgate-test-raw' })
  await raw.connect()
  const table = `"${name}".batchgate_batch`
  return {
    name,
    uri: POSTGRES_URI,
    raw,
    table,
    async batchRows() {
      const { rows } = await raw.query<StoredBatchRow>(`select * from ${table} order by id`)
      return rows
    },
    async drop() {
      await raw.end()
      await dropScratchSchema(POSTGRES_URI, name)
    },
  }
}
