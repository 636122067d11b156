import { describeEngineConformance, describeMetastoreConformance } from '@batchgate/testkit'
import { mysqlHarness } from '@batchgate/store-mysql/testing'
import { MYSQL_URI, mysqlAvailable } from './helpers/mysql-server.js'

const harness = () => mysqlHarness({ serverUri: MYSQL_URI, connectionLimit: 4 })
const skipReason = mysqlAvailable ? undefined : `no MySQL/MariaDB server at ${MYSQL_URI}`

describeMetastoreConformance('store-mysql', harness, { skipReason })
describeEngineConformance('store-mysql', harness, { skipReason })
