import { randomBytes } from 'node:crypto'
import pg from 'pg'

/** The server of the PostgreSQL benchmarks: `BATCHGATE_POSTGRES_URI`, as for the tests. */
export const POSTGRES_URI = process.env.BATCHGATE_POSTGRES_URI ?? 'postgres://postgres@127.0.0.1:5432/test'

/** How long reaching the server may take before the PostgreSQL figures are skipped. */
const CONNECT_TIMEOUT_MS = 5000

/**
 * Runs `work` on fresh scratch schemas `batchgate_b_<random>` in the database of
 * {@link POSTGRES_URI} (created, then dropped with everything in them), or answers why it cannot: a
 * server that does not answer makes the PostgreSQL figures skipped, not the run failed.
 *
 * @example
 * ```ts
 * const rows = await withScratchSchemas(3, ([store, raw, boss]) => measure(store, raw, boss), (why) => skipped(why))
 * ```
 */
export async function withScratchSchemas<T>(
  count: number,
  work: (schemas: readonly string[]) => Promise<T>,
  unavailable: (reason: string) => T,
): Promise<T> {
  const schemas: string[] = []
  try {
    try {
      await onServer(async (client) => {
        for (let i = 0; i < count; i++) {
          const schema = `batchgate_b_${randomBytes(6).toString('hex')}`
          await client.query(`create schema "${schema}"`)
          schemas.push(schema)
        }
      })
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error)
      return unavailable(`no PostgreSQL server at ${redactUri(POSTGRES_URI)} (${detail})`)
    }
    return await work(schemas)
  } finally {
    if (schemas.length > 0) {
      await onServer(async (client) => {
        for (const schema of schemas) await client.query(`drop schema if exists "${schema}" cascade`)
      })
    }
  }
}

/** Runs `work` on a client of its own on {@link POSTGRES_URI}, then closes it. */
async function onServer(work: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({
    connectionString: POSTGRES_URI,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  })
  // A connection that dies while idle emits `error`: without a listener that would end the process.
  client.on('error', () => undefined)
  await client.connect()
  try {
    await work(client)
  } finally {
    await client.end()
  }
}

/** The URI without its password, for the skip message. */
function redactUri(uri: string): string {
  const url = new URL(uri)
  if (url.password !== '') url.password = '***'
  return url.toString()
}
