export { postgresStore, postgresStoreModule } from './postgres-store.js'
export { PostgresMetadataStore } from './postgres-metadata-store.js'
export type {
  PostgresConnectionOptions,
  PostgresPoolSettings,
  PostgresStoreOptions,
  PostgresUriOptions,
} from './postgres-store-options.js'
export {
  BATCH_PRIMARY_KEY,
  PostgresConnectionLostError,
  PostgresSqlState,
  isPostgresConnectionLost,
  isPostgresDuplicateKey,
  isPostgresTransient,
  postgresErrorCode,
  postgresSqlState,
} from './postgres-error-codes.js'
