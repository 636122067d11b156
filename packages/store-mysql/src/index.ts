export { mysqlStore, mysqlStoreModule } from './mysql-store.js'
export { MysqlMetadataStore } from './mysql-metadata-store.js'
export type {
  MysqlConnectionOptions,
  MysqlPoolSettings,
  MysqlStoreOptions,
  MysqlUriOptions,
} from './mysql-store-options.js'
export {
  MysqlErrno,
  isMysqlConnectionLost,
  isMysqlDuplicateKey,
  isMysqlTransient,
  mysqlErrno,
  mysqlErrorCode,
} from './mysql-error-codes.js'
