import { installMysqlBatchAudit, mysqlFixture } from '@batchgate/store-mysql/testing'
import { describeFailoverScenarios } from '@batchgate/testkit'
import { MYSQL_URI, mysqlAvailable } from './helpers/mysql-server.js'

// Four engine processes on one MariaDB database (skipped with a message without a server, never in CI).
describeFailoverScenarios('store-mysql', () => mysqlFixture({ serverUri: MYSQL_URI, connectionLimit: 4 }), {
  audit: (fixture) => installMysqlBatchAudit(fixture.uri),
  skipReason: mysqlAvailable ? undefined : `no MySQL/MariaDB server at ${MYSQL_URI}`,
})
