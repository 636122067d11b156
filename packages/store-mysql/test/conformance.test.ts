import { describeStoreConformance } from '@batchgate/testkit'
import { mysqlFixture } from '@batchgate/store-mysql/testing'
import { MYSQL_URI, mysqlAvailable } from './helpers/mysql-server.js'

describeStoreConformance('store-mysql', () => mysqlFixture({ serverUri: MYSQL_URI, connectionLimit: 4 }), {
  skipReason: mysqlAvailable ? undefined : `no MySQL/MariaDB server at ${MYSQL_URI}`,
})
