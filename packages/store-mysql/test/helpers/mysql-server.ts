import { createConnection } from 'mysql2/promise'
import { redactUri } from '@batchgate/store-mysql/testing'
import { describe } from 'vitest'

/** The server the MySQL tests use; each test file makes its own database on it. */
export const MYSQL_URI = process.env.BATCHGATE_MYSQL_URI ?? 'mysql://root@127.0.0.1:3306/test'

/** Whether the server answers. Under CI a missing server fails the run; locally the tests are skipped. */
export const mysqlAvailable: boolean = await probe()

/**
 * `describe`, skipped with a message when no MySQL/MariaDB server answers at {@link MYSQL_URI}
 * (never under CI, where the probe throws instead).
 */
export const describeWithMysql = describe.skipIf(!mysqlAvailable)

async function probe(): Promise<boolean> {
  try {
    const connection = await createConnection({ uri: MYSQL_URI, connectTimeout: 3000 })
    await connection.query('select 1')
    await connection.end()
    return true
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    if (process.env.CI === 'true') {
      throw new Error(
        `CI needs a MySQL/MariaDB server at ${redactUri(MYSQL_URI)} (BATCHGATE_MYSQL_URI); .ci/run starts one: ${reason}`,
        { cause: error },
      )
    }
    console.warn(
      `[store-mysql] skipping the MySQL tests: no server at ${redactUri(MYSQL_URI)} (${reason}). ` +
        'Start MariaDB or set BATCHGATE_MYSQL_URI.',
    )
    return false
  }
}
