import { findMysqlTestServer } from '@batchgate/store-mysql/testing'
import { describe } from 'vitest'

const server = await findMysqlTestServer()

/** The server the MySQL tests use; each test file makes its own database on it. */
export const MYSQL_URI = server.uri

/** Whether the server answers. Under CI a missing server fails the run; locally the tests are skipped. */
export const mysqlAvailable: boolean = server.available

/** `describe`, skipped with a message when no MySQL/MariaDB server answers (never under CI). */
export const describeWithMysql = describe.skipIf(!mysqlAvailable)
