import pg from 'pg'
import { redactUri } from './scratch-schema.js'

/** The server tests use, and whether it answered. */
export interface PostgresTestServer {
  /** `BATCHGATE_POSTGRES_URI`, or `postgres://postgres@127.0.0.1:5432/test`. */
  readonly uri: string
  readonly available: boolean
  /** Why tests are skipped, when the server did not answer (outside CI only). */
  readonly skipReason: string | undefined
}

/**
 * Finds the PostgreSQL server for tests. Locally a missing server makes the tests skip with a message
 * naming the URI; under CI (`CI=true`) it is an error, never a silent skip.
 *
 * @example
 * ```ts
 * const server = await findPostgresTestServer()
 * describeEngineConformance('store-postgres', harness, { skipReason: server.skipReason })
 * ```
 */
export async function findPostgresTestServer(
  uri: string = process.env.BATCHGATE_POSTGRES_URI ?? 'postgres://postgres@127.0.0.1:5432/test',
): Promise<PostgresTestServer> {
  const client = new pg.Client({ connectionString: uri, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.query('select 1')
    return { uri, available: true, skipReason: undefined }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    if (process.env.CI === 'true') {
      throw new Error(
        `CI needs a PostgreSQL server at ${redactUri(uri)} (BATCHGATE_POSTGRES_URI); .ci/run starts one: ${reason}`,
        { cause: error },
      )
    }
    const skipReason = `no PostgreSQL server at ${redactUri(uri)} (${reason}); start PostgreSQL or set BATCHGATE_POSTGRES_URI`
    console.warn(`[batchgate] skipping PostgreSQL tests: ${skipReason}`)
    return { uri, available: false, skipReason }
  } finally {
    await client.end().catch(() => undefined)
  }
}
