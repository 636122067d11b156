import { createConnection } from 'mysql2/promise'
import { redactUri } from './scratch-database.js'

/** The server tests use, and whether it answered. */
export interface MysqlTestServer {
  /** `BATCHGATE_MYSQL_URI`, or `mysql://root@127.0.0.1:3306/test`. */
  readonly uri: string
  readonly available: boolean
  /** Why tests are skipped, when the server did not answer (outside CI only). */
  readonly skipReason: string | undefined
}

/**
 * Finds the MySQL/MariaDB server for tests. Locally a missing server makes the tests skip with a
 * message naming the URI; under CI (`CI=true`) it is an error, never a silent skip.
 *
 * @example
 * ```ts
 * const server = await findMysqlTestServer()
 * describeEngineConformance('store-mysql', harness, { skipReason: server.skipReason })
 * ```
 */
export async function findMysqlTestServer(
  uri: string = process.env.BATCHGATE_MYSQL_URI ?? 'mysql://root@127.0.0.1:3306/test',
): Promise<MysqlTestServer> {
  try {
    const connection = await createConnection({ uri, connectTimeout: 3000 })
    await connection.query('select 1')
    await connection.end()
    return { uri, available: true, skipReason: undefined }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    if (process.env.CI === 'true') {
      throw new Error(
        `CI needs a MySQL/MariaDB server at ${redactUri(uri)} (BATCHGATE_MYSQL_URI); .ci/run starts one: ${reason}`,
        { cause: error },
      )
    }
    const skipReason = `no MySQL/MariaDB server at ${redactUri(uri)} (${reason}); start MariaDB or set BATCHGATE_MYSQL_URI`
    console.warn(`[batchgate] skipping MySQL tests: ${skipReason}`)
    return { uri, available: false, skipReason }
  }
}
